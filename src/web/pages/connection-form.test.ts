import { describe, expect, it } from "vitest";
import { formFieldOf } from "./connection-form.js";

describe("server errors on the Connect form", () => {
  it("land on the field the server names, whatever its prefix", () => {
    expect(formFieldOf("roleArn")).toBe("roleArn");
    expect(formFieldOf("body.identityStoreId")).toBe("identityStoreId");
    expect(formFieldOf("instanceArn")).toBe("instanceArn");
    expect(formFieldOf("scheduleMinutes")).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});
