import { describe, expect, it } from "vitest";
import { FaultInjector, parseFaultsInput } from "./faults.js";

describe("FaultInjector", () => {
  it("refills request-rate buckets with the clock: per API for identitystore, shared for sso", () => {
    let now = 0;
    const faults = new FaultInjector(() => now, { rateLimits: { identitystorePerApi: 2, ssoAdmin: 1 } });
    expect([
      faults.throttle("identitystore", "ListUsers"),
      faults.throttle("identitystore", "ListUsers"),
    ]).toEqual([0, 0]);
    expect(faults.throttle("identitystore", "ListUsers")).toBe(1);
    expect(faults.throttle("identitystore", "ListGroups")).toBe(0);
    expect(faults.throttle("sso", "ListInstances")).toBe(0);
    expect(faults.throttle("sso", "ListPermissionSets")).toBe(1);
    now += 500;
    expect(faults.throttle("identitystore", "ListUsers")).toBe(0);
    now += 1000;
    expect(faults.throttle("sso", "DescribeInstance")).toBe(0);
  });

  it("draws the same 5xx sequence for the same seed, and none at rate 0", () => {
    const draw = (seed: number) => {
      const f = new FaultInjector(Date.now, { errorRate5xx: 0.3, seed });
      return Array.from({ length: 50 }, () => f.shouldFail());
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
    const off = new FaultInjector(Date.now);
    expect(Array.from({ length: 50 }, () => off.shouldFail())).not.toContain(true);
  });

  it("merges changes and names a bad field", () => {
    const faults = new FaultInjector(Date.now, { latencyMs: 5, deniedActions: ["sso:ListInstances"] });
    faults.set({ rateLimits: true });
    expect(faults.current).toMatchObject({ latencyMs: 5, deniedActions: ["sso:ListInstances"] });
    expect(faults.current.rateLimits).toMatchObject({ identitystorePerApi: 20, ssoAdmin: 20 });
    expect(faults.isDenied("sso:ListInstances")).toBe(true);
    expect(() => parseFaultsInput({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => parseFaultsInput({ deniedActions: ["ListUsers"] })).toThrow(/deniedActions/);
    expect(() => parseFaultsInput({ nope: 1 })).toThrow();
  });
});

describe("htmlAnswers", () => {
  it("answers chosen actions with an HTML status, and is replaced as a whole", () => {
    const faults = new FaultInjector(() => 0, { htmlAnswers: { "sso:DescribeInstance": 500 } });
    expect(faults.htmlAnswer("sso:DescribeInstance")).toBe(500);
    expect(faults.htmlAnswer("sso:ListInstances")).toBeUndefined();
    faults.set({ htmlAnswers: { "identitystore:ListUsers": 403 } });
    expect(faults.current.htmlAnswers).toEqual({ "identitystore:ListUsers": 403 });
    expect(() => parseFaultsInput({ htmlAnswers: { "sso:DescribeInstance": 200 } })).toThrow(/htmlAnswers/);
  });
});
