// Where the deliverer runs, behind one interface (NotificationDispatch): in this process on a
// timer (SQLite, the single process) or as pg-boss jobs (PostgreSQL, the queue's workers).
import type { PgBoss } from "pg-boss";
import type { EndpointPattern } from "../domain/endpoint-allowlist.js";
import type { RetryTiming } from "../domain/notifications/retry.js";
import { DeliveryLoop, type NotificationDispatch } from "../notify/delivery-loop.js";
import type { DeliveryStore } from "../notify/delivery-store.js";
import { Deliverer } from "../notify/deliverer.js";
import { httpSender, type Sender } from "../notify/http-sender.js";
import { NotifyQueue } from "./notify-queue.js";
import type { SchedulerLogger } from "./scheduler.js";

export interface NotifySettings {
  baseUrl: string;
  allowlist: EndpointPattern[];
  timeoutMs: number;
  pollMs: number;
  retryBaseMs: number;
}

/** Test seams. */
export interface NotifySeams {
  send?: Sender;
  random?: () => number;
  timing?: RetryTiming;
}

export interface DispatchOptions {
  store: DeliveryStore;
  settings: NotifySettings;
  log: SchedulerLogger;
  /** The job queue's pg-boss (PostgreSQL), else null: deliver in this process. */
  boss: PgBoss | null;
  /** On the queue: whether this process works the notify jobs (a worker). */
  worker: boolean;
  seams?: NotifySeams;
}

export function notificationDeliverer(
  store: DeliveryStore,
  settings: NotifySettings,
  log: SchedulerLogger,
  seams: NotifySeams = {},
): Deliverer {
  return new Deliverer({
    store,
    send: seams.send ?? httpSender({ timeoutMs: settings.timeoutMs, allowlist: settings.allowlist }),
    baseUrl: settings.baseUrl,
    timing: seams.timing ?? { baseMs: settings.retryBaseMs, maxMs: 60 * 60_000 },
    ...(seams.random === undefined ? {} : { random: seams.random }),
    // A claim outlives a request's timeout, so a live deliverer never loses its event to another.
    leaseMs: Math.max(settings.timeoutMs * 2, settings.timeoutMs + 1_000),
    log,
  });
}

export async function startNotificationDispatch(options: DispatchOptions): Promise<NotificationDispatch> {
  const deliverer = notificationDeliverer(options.store, options.settings, options.log, options.seams);
  if (options.boss === null) {
    return new DeliveryLoop({
      deliverer,
      store: options.store,
      pollMs: options.settings.pollMs,
      log: options.log,
    }).start();
  }
  return NotifyQueue.start({
    boss: options.boss,
    ...(options.worker ? { deliverer } : {}),
    pollMs: options.settings.pollMs,
    log: options.log,
  });
}
