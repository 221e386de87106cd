import type { AwsCredentialIdentity } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../domain/errors.js";
import { customerRoleCredentials, refreshableCredentials } from "./credentials.js";

function source(lifetimeMs: number, clock: { t: number }) {
  let n = 0;
  const provider = () => {
    n += 1;
    const identity: AwsCredentialIdentity = {
      accessKeyId: `ASIA${n}`,
      secretAccessKey: "secret",
      expiration: new Date(clock.t + lifetimeMs),
    };
    return Promise.resolve(identity);
  };
  return { provider, fetches: () => n };
}

describe("refreshableCredentials", () => {
  it("fetches once for many concurrent callers and is marked memoized for the SDK", async () => {
    const clock = { t: 0 };
    const s = source(3_600_000, clock);
    const creds = refreshableCredentials(s.provider, { now: () => clock.t });
    const all = await Promise.all([creds.provider(), creds.provider(), creds.provider()]);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
    expect(s.fetches()).toBe(1);
    expect((creds.provider as unknown as { memoized?: boolean }).memoized).toBe(true);
  });

  it("refreshes 5 minutes before expiry", async () => {
    const clock = { t: 0 };
    const s = source(3_600_000, clock);
    const creds = refreshableCredentials(s.provider, { now: () => clock.t });
    await creds.provider();
    clock.t = 3_600_000 - 300_001;
    expect((await creds.provider()).accessKeyId).toBe("ASIA1");
    clock.t = 3_600_000 - 299_999;
    expect((await creds.provider()).accessKeyId).toBe("ASIA2");
    expect(creds.generation()).toBe(2);
  });

  it("drops the cache on invalidate only for the generation that expired", async () => {
    const clock = { t: 0 };
    const s = source(3_600_000, clock);
    const creds = refreshableCredentials(s.provider, { now: () => clock.t });
    await creds.provider();
    const stale = creds.generation();
    creds.invalidate(stale);
    expect((await creds.provider()).accessKeyId).toBe("ASIA2");
    creds.invalidate(stale); // a second caller that saw the same expiry: already refreshed
    expect((await creds.provider()).accessKeyId).toBe("ASIA2");
    expect(s.fetches()).toBe(2);
  });

  it("honours forceRefresh and caches constant credentials for good", async () => {
    const clock = { t: 0 };
    const s = source(3_600_000, clock);
    const creds = refreshableCredentials(s.provider, { now: () => clock.t });
    await creds.provider();
    expect((await creds.provider({ forceRefresh: true })).accessKeyId).toBe("ASIA2");
    const constant = refreshableCredentials({ accessKeyId: "AKIA", secretAccessKey: "s" });
    expect((await constant.provider()).accessKeyId).toBe("AKIA");
  });

  it("lets a failed fetch be tried again", async () => {
    let fail = true;
    const creds = refreshableCredentials(() =>
      fail ? Promise.reject(new Error("boom")) : Promise.resolve({ accessKeyId: "A", secretAccessKey: "s" }),
    );
    await expect(creds.provider()).rejects.toThrow("boom");
    fail = false;
    expect((await creds.provider()).accessKeyId).toBe("A");
  });
});

describe("customerRoleCredentials", () => {
  const base = {
    roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
    externalId: "org-external-id-0123456789abcdef0123",
    sessionName: "idc-sync-c1",
    region: "eu-west-1",
    platformCredentials: { accessKeyId: "AKIA", secretAccessKey: "s" },
  };

  it("refuses an external id STS would refuse, before any call", () => {
    expect(() => customerRoleCredentials({ ...base, externalId: "has space" })).toThrow(ValidationError);
    expect(() => customerRoleCredentials({ ...base, externalId: "x" })).toThrow(ValidationError);
  });

  it("refuses session durations outside 900-3600 seconds", () => {
    expect(() => customerRoleCredentials({ ...base, durationSeconds: 7200 })).toThrow(/900-3600/);
    expect(typeof customerRoleCredentials({ ...base, durationSeconds: 900 })).toBe("function");
  });
});
