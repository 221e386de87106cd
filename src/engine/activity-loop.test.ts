// The background loop of backfill turns, with a fake backfill (no network, no database): it turns
// until nothing is pending, then says idle; a kick during a pass makes another pass; a failing turn
// is logged and does not stop the others; stop aborts the turn in flight and waits for it.
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { ActivityRead } from "../domain/activity.js";
import type { ActivityBackfill } from "./activity-backfill.js";
import { ActivityLoop } from "./activity-loop.js";

function read(pending: boolean): ActivityRead {
  return {
    status: "read",
    cursor: { version: 2, lookups: {} },
    signIns: [],
    uses: [],
    stats: {
      events: 1,
      malformed: 0,
      ignored: 0,
      duplicates: 0,
      unmatched: 0,
      calls: 1,
      from: "",
      to: "",
      pending,
    },
  };
}

/** A backfill whose connections need `left` turns each; "bad" always fails. */
function fakeBackfill(left: Map<string, number>, turns: string[], hold?: Promise<void>, onTurn?: () => void) {
  return {
    pending: () =>
      Promise.resolve(
        [...left].filter(([, n]) => n > 0).map(([connectionId]) => ({ orgId: "o", connectionId })),
      ),
    turn: async (_orgId: string, connectionId: string, signal?: AbortSignal) => {
      turns.push(connectionId);
      onTurn?.();
      if (hold !== undefined) await Promise.race([hold, once(signal ?? new EventTarget(), "abort")]);
      signal?.throwIfAborted();
      if (connectionId === "bad") throw new Error("throttled");
      const n = (left.get(connectionId) ?? 0) - 1;
      left.set(connectionId, n);
      return read(n > 0);
    },
  } as unknown as ActivityBackfill;
}

const quiet = { info: () => undefined, warn: () => undefined };

describe("ActivityLoop", () => {
  it("turns every pending connection until none is left, then is idle", async () => {
    const turns: string[] = [];
    const loop = new ActivityLoop({
      backfill: fakeBackfill(
        new Map([
          ["a", 3],
          ["b", 1],
        ]),
        turns,
      ),
      log: quiet,
    });
    const idle = once(loop.events, "idle");
    loop.start();
    await idle;
    expect(turns).toEqual(["a", "b", "a", "a"]);
    await loop.stop();
  });

  it("logs a failing turn and goes on with the others", async () => {
    const turns: string[] = [];
    const warned: string[] = [];
    const loop = new ActivityLoop({
      backfill: fakeBackfill(
        new Map([
          ["bad", 1],
          ["a", 2],
        ]),
        turns,
      ),
      log: { info: () => undefined, warn: (_o, m) => warned.push(m) },
    });
    const idle = once(loop.events, "idle");
    loop.start();
    await idle;
    expect(turns.filter((t) => t === "a")).toHaveLength(2);
    expect(warned).toContain("sign-in history: turn failed");
    await loop.stop();
  });

  it("stops: the turn in flight is aborted and waited for", async () => {
    const turns: string[] = [];
    const never = new Promise<void>(() => undefined);
    let began = (): void => undefined;
    const started = new Promise<void>((resolve) => (began = resolve));
    const loop = new ActivityLoop({
      backfill: fakeBackfill(new Map([["a", 5]]), turns, never, () => began()),
      log: quiet,
    });
    loop.start();
    await started;
    await loop.stop();
    expect(turns).toEqual(["a"]);
  });
});
