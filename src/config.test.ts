import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";

describe("parseConfig", () => {
  it("applies defaults", () => {
    const c = parseConfig({});
    expect(c.dataDir).toBe("./data");
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseConfig({ PORT: "not-a-port" })).toThrow(/PORT/);
  });
});
