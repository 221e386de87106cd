import { describe, expect, it } from "vitest";
import { availabilityBadge } from "./capabilities.js";

describe("capability availability", () => {
  it("shows what the server says: available, missing a permission, or not available", () => {
    expect(availabilityBadge({ available: true, missingAction: null })).toEqual({
      tone: "success",
      label: "Available",
    });
    expect(availabilityBadge({ available: false, missingAction: "identitystore:ListUsers" })).toEqual({
      tone: "danger",
      label: "Missing permission",
    });
    expect(availabilityBadge({ available: false, missingAction: null })).toEqual({
      tone: "neutral",
      label: "Not available",
    });
  });
});
