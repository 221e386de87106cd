import { describe, expect, it } from "vitest";
import { availabilityBadge } from "./capabilities.js";

describe("capability availability", () => {
  it("shows the state the server computed: never 'Available' for a failed sync or a partial item", () => {
    expect(availabilityBadge({ state: "available" })).toEqual({ tone: "success", label: "Available" });
    expect(availabilityBadge({ state: "missing_permission" })).toEqual({
      tone: "danger",
      label: "Missing permission",
    });
    expect(availabilityBadge({ state: "partial" })).toEqual({ tone: "warning", label: "Partial" });
    expect(availabilityBadge({ state: "stale" })).toEqual({ tone: "warning", label: "Last sync failed" });
    expect(availabilityBadge({ state: "not_synced" })).toEqual({ tone: "neutral", label: "Not synced yet" });
    expect(availabilityBadge({ state: "unavailable" })).toEqual({ tone: "neutral", label: "Not available" });
  });
});
