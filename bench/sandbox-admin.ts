// The sandbox's admin routes as the benchmark's children use them (the sandbox runs in another
// process): set the conditions of a phase, reset and read the per-action counters.
import type { CountersSnapshot, FaultsInput } from "../src/sandbox/index.js";

async function admin<T>(endpoint: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, endpoint), {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** AWS-like: 40 ms per call and the quota buckets as AWS has them. */
export const AWS_LIKE: FaultsInput = { latencyMs: 40, rateLimits: true };
/** No latency and no rate limits: the unthrottled reference run. */
export const UNTHROTTLED: FaultsInput = { latencyMs: 0, rateLimits: false };

/** Sets the faults and zeroes the counters: the start of a phase. */
export async function startPhase(endpoint: string, faults: FaultsInput): Promise<void> {
  await admin(endpoint, "/_sandbox/faults", faults);
  await admin(endpoint, "/_sandbox/counters/reset", {});
}

/** Server-side counts per IAM action: every request, and those answered with throttling. */
export async function serverCalls(
  endpoint: string,
): Promise<{ total: Record<string, number>; throttled: Record<string, number> }> {
  const snap = await admin<CountersSnapshot>(endpoint, "/_sandbox/counters");
  const total: Record<string, number> = {};
  const throttled: Record<string, number> = {};
  for (const [action, c] of Object.entries(snap.byAction)) {
    total[action] = c.total;
    if (c.throttled > 0) throttled[action] = c.throttled;
  }
  return { total, throttled };
}

/** The platform's own keys: the sandbox takes any key it did not issue as the platform principal. */
export const PLATFORM_CREDENTIALS = {
  accessKeyId: "AKIABENCHPLATFORM001",
  secretAccessKey: "bench-platform",
};
