// The activity reader against the sandbox through the real SDK: a read to the end goes 90 days
// back and finds the sandbox's truth; reads cut short after a page of each event name (a backfill
// turn's) reach the same truth in turns, counting no event twice; the next read takes only what is
// new (counted calls); malformed events are counted and skipped, and a denial is a warning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readActivityOnly,
  readIdentityCenter,
  type ReadOptions,
} from "../../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import type { ActivityCursor, ActivityRead } from "../../src/domain/activity.js";
import type { ReadResult } from "../../src/domain/model.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS } from "./connector-expected.js";

const END = Date.parse("2026-12-01T12:00:00Z");
// The sandbox's clock runs (its rate buckets refill with it) from wherever a test sets it.
let clock = END;
let setAt = Date.now();
const now = () => clock + (Date.now() - setAt);
function setClock(ms: number): void {
  clock = ms;
  setAt = Date.now();
}
let sandbox: Sandbox;

function read(cursor: ActivityCursor | null, extra: Partial<ReadOptions> = {}): Promise<ReadResult> {
  const connect = sandbox.connectValues();
  return readIdentityCenter({
    values: connect,
    externalId: connect.externalId,
    connectionId: "conn-activity",
    endpointUrl: connect.endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
    retry: { baseDelayMs: 5, throttleBaseDelayMs: 20 },
    activity: { cursor, now: new Date(now()), toEnd: true },
    ...extra,
  });
}

function lookups(): number {
  return sandbox.counters.snapshot().byAction["cloudtrail:LookupEvents"]?.total ?? 0;
}

function readOf(result: ReadResult): Extract<ActivityRead, { status: "read" }> {
  const a = result.activity;
  if (a?.status !== "read") throw new Error(`activity not read: ${JSON.stringify(a)}`);
  return a;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 120, groups: 12, accounts: 6, permissionSets: 5, seed: 3 },
    activity: { endMs: END, seed: 3 },
    now,
  });
});
afterAll(async () => {
  await sandbox.close();
});

describe("reading sign-in activity", () => {
  let cursor: ActivityCursor | null = null;
  let firstEvents = 0;

  it("reads 90 days back on the first read and finds the sandbox's truth for every user and access row", async () => {
    sandbox.counters.reset();
    const result = await read(null);
    const activity = readOf(result);
    const truth = sandbox.activity.truth(now());
    const signIns = new Map(activity.signIns.map((s) => [s.userId, s.at]));
    for (const [userId, at] of truth.lastSignInAt)
      expect([userId, signIns.get(userId) ?? null]).toEqual([userId, at]);
    expect(signIns.size).toBe([...truth.lastSignInAt.values()].filter((t) => t !== null).length);
    const uses = new Map(
      activity.uses.map((u) => [`${u.userId}\n${u.accountId}\n${u.permissionSetArn}`, u.at]),
    );
    for (const [key, at] of truth.lastUsedAt) expect([key, uses.get(key) ?? null]).toEqual([key, at]);
    expect(activity.stats.malformed).toBeGreaterThan(0);
    expect(activity.stats.ignored).toBeGreaterThan(0);
    expect(Date.parse(activity.stats.from) - (END - 90 * 86_400_000)).toBeLessThan(60_000);
    // One call per page of each of the three lookups, nothing else.
    const pages = activity.stats.events + activity.stats.malformed + activity.stats.ignored;
    expect(lookups()).toBeGreaterThanOrEqual(Math.ceil(pages / 50));
    expect(lookups()).toBeLessThanOrEqual(Math.ceil(pages / 50) + 3);
    expect(result.warnings).toEqual([]);
    cursor = activity.cursor;
    expect(Object.values(cursor.lookups).map((c) => c.backfilled)).toEqual([true, true, true]);
    expect(activity.stats.pending).toBe(false);
    firstEvents = activity.stats.events;
  });

  it("reaches the same truth in turns of one page per event name, counting no event twice", async () => {
    const connect = sandbox.connectValues();
    const sets = (await read(null)).snapshot.permissionSets;
    let turnCursor: ActivityCursor | null = null;
    const signIns = new Map<string, string>();
    const uses = new Map<string, string>();
    let events = 0;
    let turns = 0;
    for (;;) {
      const turn = await readActivityOnly({
        values: connect,
        externalId: connect.externalId,
        connectionId: "conn-activity",
        endpointUrl: connect.endpoint,
        platformCredentials: PLATFORM_CREDENTIALS,
        budget: new RequestBudget({ enabled: false }),
        cursor: turnCursor,
        now: new Date(now()),
        stop: () => true,
        permissionSets: sets,
      });
      if (turn.status !== "read") throw new Error(turn.status);
      turns++;
      events += turn.stats.events;
      for (const s of turn.signIns) if ((signIns.get(s.userId) ?? "") < s.at) signIns.set(s.userId, s.at);
      for (const u of turn.uses) {
        const key = `${u.userId}\n${u.accountId}\n${u.permissionSetArn}`;
        if ((uses.get(key) ?? "") < u.at) uses.set(key, u.at);
      }
      turnCursor = turn.cursor;
      if (!turn.stats.pending) break;
      expect(turns).toBeLessThan(500);
    }
    const truth = sandbox.activity.truth(now());
    for (const [userId, at] of truth.lastSignInAt)
      expect([userId, signIns.get(userId) ?? null]).toEqual([userId, at]);
    for (const [key, at] of truth.lastUsedAt) expect([key, uses.get(key) ?? null]).toEqual([key, at]);
    expect(turns).toBeGreaterThan(3);
    expect(events).toBe(firstEvents);
  });

  it("reads only new events the second time: one page per lookup, the overlap not counted again", async () => {
    setClock(END + 60 * 60_000);
    const user = sandbox.world.users[0]?.UserId ?? "";
    sandbox.activity.record({ userId: user, kind: "UserAuthentication", atMs: END + 10 * 60_000 });
    sandbox.counters.reset();
    const activity = readOf(await read(cursor));
    expect(lookups()).toBe(3);
    expect(activity.stats.events).toBe(1);
    expect(activity.signIns).toEqual([{ userId: user, at: new Date(END + 10 * 60_000).toISOString() }]);
    cursor = activity.cursor;

    // Nothing new: the overlap is read again, and nothing counts.
    sandbox.counters.reset();
    const again = readOf(await read(cursor));
    expect(lookups()).toBe(3);
    expect(again.stats.events).toBe(0);
    expect(again.signIns).toEqual([]);
    expect(again.stats.pending).toBe(false);
  });

  it("turns a denied LookupEvents into a warning and status denied, reading the rest", async () => {
    sandbox.setFaults({ deniedActions: ["cloudtrail:LookupEvents"] });
    try {
      const result = await read(cursor);
      expect(result.activity?.status).toBe("denied");
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: "access_denied", action: "cloudtrail:LookupEvents" }),
      ]);
      expect(result.snapshot.users.length).toBe(sandbox.world.users.length);
    } finally {
      sandbox.setFaults({ deniedActions: [] });
    }
  });

  it("rides out throttling with its own budget bucket", async () => {
    // Slower than the budget's 1.9/s, so that AWS's answer, not the budget, sets the pace.
    sandbox.setFaults({ rateLimits: { cloudtrail: 1 } });
    try {
      const hi = new Date(END - 6 * 3_600_000).toISOString();
      const since: ActivityCursor = {
        version: 2,
        lookups: Object.fromEntries(
          ["Authenticate", "UserAuthentication", "Federate"].map((name) => [
            name,
            { lo: "2026-09-01T00:00:00.000Z", loSeen: [], hi, hiSeen: [], backfilled: true },
          ]),
        ),
      };
      const result = await read(since, { budget: new RequestBudget() });
      expect(readOf(result).stats.events).toBeGreaterThan(0);
      expect(result.stats.throttles).toBeGreaterThan(0);
      expect(result.warnings).toEqual([]);
    } finally {
      sandbox.setFaults({ rateLimits: false });
    }
  });
});
