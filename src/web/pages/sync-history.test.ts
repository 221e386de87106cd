import { describe, expect, it } from "vitest";
import type { SyncRun } from "../api/types.js";
import { apiCallsText } from "./sync-history.js";

const run = (over: Partial<SyncRun>): SyncRun => ({
  id: "r",
  connectionId: "c",
  state: "succeeded",
  startedAt: "2026-12-07T10:00:00.000Z",
  finishedAt: "2026-12-07T10:00:05.000Z",
  forced: false,
  counts: null,
  callsByAction: { "identitystore:ListUsers": 3, "sso:ListInstances": 1 },
  retries: 0,
  throttles: 0,
  warnings: [],
  error: null,
  ...over,
});

describe("a sync run's API calls in the history (issue 17 defect 13)", () => {
  it("shows none yet while the run is running, not a flashing 0", () => {
    expect(apiCallsText(run({ state: "running", finishedAt: null, callsByAction: {} }))).toBe("—");
  });
  it("shows the count once the run ended", () => {
    expect(apiCallsText(run({}))).toBe("4");
  });
});
