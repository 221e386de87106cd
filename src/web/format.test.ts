import { describe, expect, it } from "vitest";
import { progressText } from "./format.js";

describe("sync progress", () => {
  it("reads as the phase and the items read so far", () => {
    expect(progressText({ phase: "users", done: 1200 })).toBe("Reading users… 1,200");
    expect(progressText({ phase: "permissionSets", done: 3 })).toBe("Reading permission sets… 3");
    expect(progressText({ phase: "somethingNew", done: 0 })).toBe("Reading somethingNew… 0");
  });
});
