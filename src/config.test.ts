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

  it("reads IDC_SYNC_TRUST_PROXY as Fastify's trustProxy (default: believe no proxy)", () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ IDC_SYNC_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(parseConfig({ IDC_SYNC_TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(parseConfig({ IDC_SYNC_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseConfig({ IDC_SYNC_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
    ]);
    expect(() => parseConfig({ IDC_SYNC_TRUST_PROXY: "yes please" })).toThrow(/IDC_SYNC_TRUST_PROXY/);
  });
});
