import { describe, expect, it } from "vitest";
import { permissionSet, psArn, snapshot, type World } from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { durationHours, permissionSetLongSession } from "./permission-set-long-session.js";

describe("permission_set.long_session", () => {
  it("reads ISO-8601 durations", () => {
    expect(durationHours("PT12H")).toBe(12);
    expect(durationHours("PT8H30M")).toBe(8.5);
    expect(durationHours("pt90m")).toBe(1.5);
    expect(durationHours("P1D")).toBe(24);
    expect(durationHours("PT")).toBeNull();
    expect(durationHours("12h")).toBeNull();
  });

  it("reports session durations over 8 hours", () => {
    const found = run(permissionSetLongSession, {
      users: [],
      permissionSets: [
        permissionSet(1, { sessionDuration: "PT8H" }),
        permissionSet(2, { sessionDuration: "PT8H1M" }),
        permissionSet(3, { sessionDuration: "PT12H" }),
        permissionSet(4, { sessionDuration: null }),
      ],
    });
    expect(found.map((f) => [f.permissionSetArn, f.details.hours])).toEqual([
      [psArn(2), 8.02],
      [psArn(3), 12],
    ]);
    expect(permissionSetLongSession.message(found[1]!)).toBe(
      "Permission set PermissionSet3 allows sessions of 12 hours (PT12H), over 8",
    );
  });
});
