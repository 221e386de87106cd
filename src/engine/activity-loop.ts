// Runs the sign-in history's backfill turns (engine/activity-backfill.ts) in the background of a
// service or worker process: whenever a connection has history left to read and no reader, one
// turn after another, one connection at a time in this process (CloudTrail's quota is per account
// and region, but a process's turns are light and other processes take other connections). It
// looks again every `pollMs`, and at once when kicked (after a sync). Stopping aborts the turn in
// flight: its reading is lost, never half-written (a turn commits whole or not at all).
import { EventEmitter } from "node:events";
import type { ActivityBackfill } from "./activity-backfill.js";

export interface ActivityLoopLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ActivityLoopOptions {
  backfill: ActivityBackfill;
  log: ActivityLoopLogger;
  /** How often to look for pending connections when idle (default 30 s). */
  pollMs?: number;
}

export class ActivityLoop {
  /** "idle" when a pass found nothing left to read; "turn" (orgId, connectionId, read) after each. */
  readonly events = new EventEmitter();
  private readonly backfill: ActivityBackfill;
  private readonly log: ActivityLoopLogger;
  private readonly pollMs: number;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(options: ActivityLoopOptions) {
    this.backfill = options.backfill;
    this.log = options.log;
    this.pollMs = options.pollMs ?? 30_000;
  }

  start(): void {
    this.kick();
  }

  /** Looks for pending connections now (or right after the pass in flight). */
  kick(): void {
    if (this.controller.signal.aborted) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.controller.signal.aborted) return;
      if (this.again) {
        this.again = false;
        this.kick();
        return;
      }
      this.timer = setTimeout(() => this.kick(), this.pollMs);
      this.timer.unref();
    });
  }

  async stop(): Promise<void> {
    this.controller.abort();
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
  }

  /** Turns for every pending connection, until none is pending. */
  private async pass(): Promise<void> {
    const signal = this.controller.signal;
    for (;;) {
      let pending: { orgId: string; connectionId: string }[];
      try {
        pending = await this.backfill.pending();
      } catch (err) {
        this.log.warn({ err }, "sign-in history: could not list connections to read");
        return;
      }
      let turned = false;
      for (const { orgId, connectionId } of pending) {
        if (signal.aborted) return;
        try {
          const read = await this.backfill.turn(orgId, connectionId, signal);
          if (read === null) continue;
          // A failure is recorded on the connection's activity state and tried again next poll.
          turned ||= read.status === "read";
          this.log.info(
            read.status === "read"
              ? {
                  connectionId,
                  calls: read.stats.calls,
                  events: read.stats.events,
                  from: read.stats.from,
                  pending: read.stats.pending,
                }
              : { connectionId, status: read.status },
            "sign-in history: turn read",
          );
          this.events.emit("turn", orgId, connectionId, read);
        } catch (err) {
          if (signal.aborted) return;
          this.log.warn({ err, connectionId }, "sign-in history: turn failed");
        }
      }
      if (!turned) {
        this.events.emit("idle");
        return;
      }
    }
  }
}
