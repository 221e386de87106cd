// CloudTrail LookupEvents through the real SDK against the sandbox: paging, the one-attribute rule,
// time filters, the 90-day window, 2 TPS throttling, denial, and the generated truth.
import { CloudTrailClient, LookupEventsCommand, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActivityLog, generateWorld, startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { assumeRole, rejection, statusOf, type Credentials } from "./sandbox-test-world.js";

const END = Date.parse("2026-12-01T12:00:00Z");
let sandbox: Sandbox;
let credentials: Credentials;
let clock = END;
const client = (maxAttempts = 1) =>
  new CloudTrailClient({ endpoint: sandbox.url, region: sandbox.world.region, credentials, maxAttempts });

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { seed: 7, users: 40, groups: 6, accounts: 4, permissionSets: 4 },
    activity: { endMs: END, seed: 7 },
    now: () => clock,
  });
  credentials = await assumeRole(sandbox);
});
afterAll(async () => {
  await sandbox.close();
});

const federate = [{ AttributeKey: "EventName" as const, AttributeValue: "Federate" }];

describe("sandbox LookupEvents", () => {
  it("pages newest first, at most 50 a page, and only events the attribute selects", async () => {
    const times: number[] = [];
    const sizes: number[] = [];
    for await (const page of paginateLookupEvents({ client: client() }, { LookupAttributes: federate })) {
      sizes.push(page.Events?.length ?? 0);
      for (const e of page.Events ?? []) {
        expect(e.EventName).toBe("Federate");
        expect(e.EventSource).toBe("sso.amazonaws.com");
        times.push(e.EventTime?.getTime() ?? 0);
      }
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(times.every((t) => t < END && t >= END - 90 * 86_400_000)).toBe(true);
  });

  it("filters by StartTime and EndTime (inclusive) and refuses a reversed range", async () => {
    const start = new Date(END - 10 * 86_400_000);
    const end = new Date(END - 5 * 86_400_000);
    const pages = paginateLookupEvents(
      { client: client() },
      { LookupAttributes: federate, StartTime: start, EndTime: end },
    );
    let n = 0;
    for await (const page of pages)
      for (const e of page.Events ?? []) {
        n++;
        const t = e.EventTime?.getTime() ?? 0;
        expect(t >= start.getTime() && t <= end.getTime()).toBe(true);
      }
    expect(n).toBeGreaterThan(0);
    const err = await rejection(client().send(new LookupEventsCommand({ StartTime: end, EndTime: start })));
    expect(err.name).toBe("InvalidTimeRangeException");
  });

  it("refuses two lookup attributes and a page over 50", async () => {
    const two = await rejection(
      client().send(
        new LookupEventsCommand({
          LookupAttributes: [
            ...federate,
            { AttributeKey: "EventSource", AttributeValue: "sso.amazonaws.com" },
          ],
        }),
      ),
    );
    expect(two.name).toBe("InvalidLookupAttributesException");
    expect(statusOf(two)).toBe(400);
    const big = await rejection(client().send(new LookupEventsCommand({ MaxResults: 51 })));
    expect(big.name).toBe("InvalidMaxResultsException");
  });

  it("throttles past 2 requests a second, and denies when told", async () => {
    sandbox.setFaults({ rateLimits: true });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => client().send(new LookupEventsCommand({ MaxResults: 1 }))),
      );
      const names = results.map((r) => (r.status === "rejected" ? (r.reason as Error).name : "ok"));
      expect(names.filter((n) => n === "ok")).toHaveLength(2);
      expect(names.filter((n) => n === "ThrottlingException")).toHaveLength(2);
    } finally {
      sandbox.setFaults({ rateLimits: false });
    }
    sandbox.setFaults({ deniedActions: ["cloudtrail:LookupEvents"] });
    try {
      const err = await rejection(client().send(new LookupEventsCommand({})));
      expect(err.name).toBe("AccessDeniedException");
    } finally {
      sandbox.setFaults({ deniedActions: [] });
    }
  });

  it("serves sign-ins of some users only, some malformed, and a truth that is deterministic", async () => {
    const truth = sandbox.activity.truth(clock);
    const signIns = [...truth.lastSignInAt.values()];
    expect(signIns.filter((t) => t === null).length).toBeGreaterThan(0);
    expect(signIns.filter((t) => t !== null).length).toBeGreaterThan(signIns.length / 2);
    expect([...truth.lastUsedAt.values()].some((t) => t !== null)).toBe(true);
    let malformed = 0;
    for await (const page of paginateLookupEvents({ client: client() }, {}))
      for (const e of page.Events ?? []) {
        try {
          const body = JSON.parse(e.CloudTrailEvent ?? "") as { userIdentity?: { onBehalfOf?: unknown } };
          if (Array.isArray(body) || body.userIdentity?.onBehalfOf === undefined) malformed++;
        } catch {
          malformed++;
        }
      }
    expect(malformed).toBeGreaterThan(0);
    const again = new ActivityLog(
      generateWorld({ seed: 7, users: 40, groups: 6, accounts: 4, permissionSets: 4 }),
      {
        endMs: END,
        seed: 7,
      },
    );
    expect(again.truth(clock)).toEqual(truth);
    expect(again.size).toBe(sandbox.activity.size);
  });

  it("drops events older than 90 days from what it serves, as AWS does", async () => {
    clock = END + 30 * 86_400_000;
    credentials = await assumeRole(sandbox); // the earlier session expired on the sandbox's clock
    try {
      const out = await client().send(new LookupEventsCommand({ StartTime: new Date(0) }));
      const oldest = Math.min(...(out.Events ?? []).map((e) => e.EventTime?.getTime() ?? 0));
      expect(oldest).toBeGreaterThanOrEqual(clock - 90 * 86_400_000);
    } finally {
      clock = END;
      credentials = await assumeRole(sandbox);
    }
  });
});
