// The activity cursor's coverage (what the inactivity rules and the usage counts may rely on) and
// the upgrade of version-1 cursors written when the first read took the whole 90 days at once.
import { describe, expect, it } from "vitest";
import { activityCoverage, upgradeCursor, type ActivityCursor, type LookupCoverage } from "./activity.js";

const range = (lo: string, hi: string, backfilled = false): LookupCoverage => ({
  lo,
  loSeen: [],
  hi,
  hiSeen: [],
  backfilled,
});

describe("activityCoverage", () => {
  it("is known from the latest low edge to the earliest high edge of the event names", () => {
    const cursor: ActivityCursor = {
      version: 2,
      lookups: {
        Authenticate: range("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", true),
        UserAuthentication: range("2026-11-20T00:00:00.000Z", "2026-12-01T01:00:00.000Z"),
        Federate: range("2026-11-10T00:00:00.000Z", "2026-11-30T23:00:00.000Z"),
      },
    };
    expect(activityCoverage(cursor)).toEqual({
      knownSince: "2026-11-20T00:00:00.000Z",
      asOf: "2026-11-30T23:00:00.000Z",
      backfilled: false,
    });
  });

  it("is backfilled only when every event name is, and nothing without a cursor", () => {
    const all = (b: boolean): ActivityCursor => ({
      version: 2,
      lookups: { A: range("2026-09-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", b) },
    });
    expect(activityCoverage(all(true))?.backfilled).toBe(true);
    expect(activityCoverage(all(false))?.backfilled).toBe(false);
    expect(activityCoverage(null)).toBeNull();
    expect(activityCoverage({ version: 2, lookups: {} })).toBeNull();
  });
});

describe("upgradeCursor", () => {
  it("reads a version-1 cursor as every name read from 90 days before the first read", () => {
    const upgraded = upgradeCursor(
      { latestEventAt: "2026-12-01T10:00:00.000Z", seenEventIds: ["e1", 7] },
      "2026-11-15T00:00:00.000Z",
      ["Authenticate", "Federate"],
    );
    const expected = {
      lo: "2026-08-17T00:00:00.000Z",
      loSeen: [],
      hi: "2026-12-01T10:00:00.000Z",
      hiSeen: ["e1"],
      backfilled: true,
    };
    expect(upgraded).toEqual({ version: 2, lookups: { Authenticate: expected, Federate: expected } });
  });

  it("keeps a version-2 cursor and refuses what it cannot read", () => {
    const v2: ActivityCursor = { version: 2, lookups: {} };
    expect(upgradeCursor(v2, null, ["A"])).toBe(v2);
    expect(upgradeCursor(null, "2026-11-15T00:00:00.000Z", ["A"])).toBeNull();
    expect(upgradeCursor("text", "2026-11-15T00:00:00.000Z", ["A"])).toBeNull();
    // Version 1 without a first read time: where it reaches back is unknown.
    expect(upgradeCursor({ latestEventAt: "2026-12-01T10:00:00.000Z" }, null, ["A"])).toBeNull();
  });
});
