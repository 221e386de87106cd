import { describe, expect, it } from "vitest";
import type { ConnectionValues } from "../../domain/model.js";
import { createIdcClients } from "./clients.js";

const values: ConnectionValues = {
  roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
  region: "eu-central-1",
  identityStoreId: "d-1234567890",
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
};

function build(v: ConnectionValues = values) {
  return createIdcClients({
    values: v,
    externalId: "org-external-id-0123456789abcdef0123",
    connectionId: "c1",
    credentials: () => Promise.resolve({ accessKeyId: "AKIA", secretAccessKey: "s" }),
  });
}

describe("createIdcClients", () => {
  it("puts Identity Store and SSO Admin in the connection's region, Organizations in its partition's", async () => {
    const c = build();
    expect(await c.identityStore.config.region()).toBe("eu-central-1");
    expect(await c.ssoAdmin.config.region()).toBe("eu-central-1");
    expect(await c.organizations.config.region()).toBe("us-east-1");
    c.destroy();
    const cn = build({
      roleArn: "arn:aws-cn:iam::123456789012:role/R",
      region: "cn-north-1",
      identityStoreId: "d-1234567890",
      instanceArn: "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef",
    });
    expect(await cn.organizations.config.region()).toBe("cn-northwest-1");
    cn.destroy();
  });

  it("runs the per-attempt middleware inside the SDK's retry loop, before signing", () => {
    const c = build();
    for (const client of [c.identityStore, c.ssoAdmin, c.organizations]) {
      const stack = client.middlewareStack.identify();
      const at = (name: string) => stack.findIndex((entry) => entry.startsWith(`${name} `));
      expect(at("idcSyncPerCall")).toBe(0);
      expect(at("retryMiddleware")).toBeGreaterThan(0);
      expect(at("idcSyncPerAttempt")).toBe(at("retryMiddleware") + 1);
      expect(at("httpSigningMiddleware")).toBe(at("idcSyncPerAttempt") + 1);
    }
    c.destroy();
  });

  it("starts with an empty meter", () => {
    const c = build();
    expect(c.meter.stats()).toEqual({ callsByAction: {}, retries: 0, throttles: 0 });
    c.destroy();
  });
});
