// STS and credentials: the role's trust policy (ExternalId), issued session credentials, expiry.
import { ListUsersCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import {
  assumeRole,
  clients,
  MGMT,
  PLATFORM,
  rejection,
  statusOf,
  STORE,
  stsClient,
  testWorld,
} from "./sandbox-test-world.js";

const ROLE = `arn:aws:iam::${MGMT}:role/IdcSyncReadOnly`;
let sandbox: Sandbox | undefined;

async function start(options: Omit<SandboxOptions, "world"> = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ world: testWorld(), ...options });
  return sandbox;
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("sandbox sts and credentials", () => {
  it("issues session credentials for the right ExternalId and records the call", async () => {
    let now = Date.parse("2026-05-01T10:00:00Z");
    const sb = await start({ now: () => now, trust: { externalId: "org-external-id-0123456789abcdef" } });
    const c = sb.connectValues();
    expect(c).toMatchObject({
      roleArn: ROLE,
      externalId: "org-external-id-0123456789abcdef",
      identityStoreId: STORE,
    });
    const out = await stsClient(sb).send(
      new AssumeRoleCommand({
        RoleArn: ROLE,
        RoleSessionName: "idc-sync-conn-1",
        ExternalId: c.externalId,
        DurationSeconds: 900,
      }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.Expiration).toEqual(new Date("2026-05-01T10:15:00Z"));
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MGMT}:assumed-role/IdcSyncReadOnly/idc-sync-conn-1`,
    );
    expect(sb.counters.snapshot().assumeRoleCalls).toEqual([
      expect.objectContaining({
        outcome: "ok",
        roleArn: ROLE,
        externalId: "org-external-id-0123456789abcdef",
        roleSessionName: "idc-sync-conn-1",
        durationSeconds: 900,
      }),
    ]);
    now += 1000;
    const session = {
      accessKeyId: out.Credentials?.AccessKeyId ?? "",
      secretAccessKey: out.Credentials?.SecretAccessKey ?? "",
      sessionToken: out.Credentials?.SessionToken ?? "",
    };
    const me = await stsClient(sb, session).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: MGMT, Arn: out.AssumedRoleUser?.Arn });
    const platform = await stsClient(sb).send(new GetCallerIdentityCommand({}));
    expect(platform.Arn).toBe(sb.trust.platformPrincipalArn);
  });

  it("refuses a wrong or missing ExternalId, another role, and role chaining with AccessDenied 403", async () => {
    const sb = await start();
    const sts = stsClient(sb);
    const ext = sb.connectValues().externalId;
    for (const input of [
      { RoleArn: ROLE, RoleSessionName: "s1", ExternalId: "someone-elses-external-id" },
      { RoleArn: ROLE, RoleSessionName: "s2" },
      { RoleArn: `arn:aws:iam::${MGMT}:role/Other`, RoleSessionName: "s3", ExternalId: ext },
    ]) {
      const err = await rejection(sts.send(new AssumeRoleCommand(input)));
      expect(err.name).toBe("AccessDenied");
      expect(statusOf(err)).toBe(403);
      expect(err.message).toContain(
        `not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
    }
    const chained = await rejection(
      stsClient(sb, await assumeRole(sb)).send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "s4", ExternalId: ext }),
      ),
    );
    expect(chained.name).toBe("AccessDenied");
    const calls = sb.counters.snapshot().assumeRoleCalls;
    expect(calls.map((call) => [call.outcome, call.externalId, call.roleSessionName])).toEqual([
      ["denied", "someone-elses-external-id", "s1"],
      ["denied", undefined, "s2"],
      ["denied", ext, "s3"],
      ["ok", ext, "idc-sync-test"],
      ["denied", ext, "s4"],
    ]);
    expect(sb.counters.count("sts:AssumeRole", "denied")).toBe(4);
  });

  it("lets the unsafe any-ExternalId role be assumed with no ExternalId", async () => {
    const sb = await start({ trust: { anyExternalId: true } });
    const out = await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "probe" }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it("validates RoleSessionName and DurationSeconds with ValidationError 400", async () => {
    const sb = await start();
    const ext = sb.connectValues().externalId;
    const badName = await rejection(
      stsClient(sb).send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "has space", ExternalId: ext }),
      ),
    );
    expect(badName.name).toBe("ValidationError");
    expect(statusOf(badName)).toBe(400);
    expect(badName.message).toContain("roleSessionName");
    const badDuration = await rejection(
      stsClient(sb).send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "ok", ExternalId: ext, DurationSeconds: 60 }),
      ),
    );
    expect(badDuration.name).toBe("ValidationError");
    expect(badDuration.message).toContain("durationSeconds");
  });

  it("refuses expired session credentials with ExpiredTokenException 400 (injected clock)", async () => {
    let now = Date.parse("2026-05-01T10:00:00Z");
    const sb = await start({ now: () => now, trust: { sessionSeconds: 60 } });
    const credentials = await assumeRole(sb);
    const c = clients(sb, credentials);
    await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    now += 61_000;
    const err = await rejection(c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })));
    expect(err.name).toBe("ExpiredTokenException");
    expect(statusOf(err)).toBe(400);
    expect(sb.counters.count("identitystore:ListUsers", "denied")).toBe(1);
  });

  it("refuses unissued session keys, bad signatures and the platform's own keys on the data plane", async () => {
    const sb = await start();
    const forged = clients(sb, {
      accessKeyId: "ASIAFORGEDFORGEDFORG",
      secretAccessKey: "x",
      sessionToken: "y",
    });
    const unknown = await rejection(
      forged.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })),
    );
    expect(unknown.name).toBe("UnrecognizedClientException");
    expect(statusOf(unknown)).toBe(400);
    const issued = await assumeRole(sb);
    const wrongSecret = { ...issued, secretAccessKey: `${issued.secretAccessKey}x` };
    const badSignature = await rejection(
      clients(sb, wrongSecret).identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })),
    );
    expect(badSignature.name).toBe("InvalidSignatureException");
    expect(statusOf(badSignature)).toBe(400);
    const badStsSignature = await rejection(
      stsClient(sb, wrongSecret).send(new GetCallerIdentityCommand({})),
    );
    expect(badStsSignature.name).toBe("SignatureDoesNotMatch");
    expect(statusOf(badStsSignature)).toBe(403);
    const platform = clients(sb, PLATFORM);
    const denied = await rejection(
      platform.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })),
    );
    expect(denied.name).toBe("AccessDeniedException");
    expect(statusOf(denied)).toBe(403);
    expect(denied.message).toContain("identitystore:ListUsers");
  });

  it("accepts any key when requireAssumedRole is off, and only allow-listed platform keys when set", async () => {
    const open = await start({ requireAssumedRole: false });
    const out = await clients(open, PLATFORM).identitystore.send(
      new ListUsersCommand({ IdentityStoreId: STORE }),
    );
    expect(out.Users?.length).toBe(3);
    await open.close();
    const strict = await start({ trust: { platformAccessKeyIds: ["AKIDALLOWED"] } });
    const err = await rejection(
      stsClient(strict).send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "x1", ExternalId: strict.trust.externalId }),
      ),
    );
    expect(err.name).toBe("InvalidClientTokenId");
    expect(statusOf(err)).toBe(403);
  });

  it("works with fromTemporaryCredentials, and sts:AssumeRole can be denied as a fault", async () => {
    const sb = await start();
    const c = sb.connectValues();
    const client = new IdentitystoreClient({
      endpoint: sb.url,
      region: c.region,
      credentials: fromTemporaryCredentials({
        masterCredentials: PLATFORM,
        params: { RoleArn: c.roleArn, ExternalId: c.externalId, RoleSessionName: "provider" },
        clientConfig: { endpoint: sb.url, region: c.region },
      }),
    });
    await client.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    await client.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    expect(sb.counters.count("sts:AssumeRole", "ok")).toBe(1);
    expect(sb.counters.count("identitystore:ListUsers", "ok")).toBe(2);

    sb.setFaults({ deniedActions: ["sts:AssumeRole", "sts:GetCallerIdentity"] });
    const err = await rejection(
      stsClient(sb).send(
        new AssumeRoleCommand({ RoleArn: c.roleArn, RoleSessionName: "x", ExternalId: c.externalId }),
      ),
    );
    expect(err.name).toBe("AccessDenied");
    expect(statusOf(err)).toBe(403);
    // GetCallerIdentity needs no permission: AWS answers it whatever the policy says.
    await expect(stsClient(sb).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
  });
});
