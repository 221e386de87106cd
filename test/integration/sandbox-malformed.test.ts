// Malformed and unexpected requests over raw HTTP: AWS-shaped errors, never a crash or a hang.
// Also the /_sandbox admin routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { identityId, INSTANCE, STORE, testWorld } from "./sandbox-test-world.js";

let sandbox: Sandbox;
let strict: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ world: testWorld({ users: 5 }), requireAssumedRole: false });
  strict = await startSandbox({ world: testWorld() });
});
afterAll(async () => {
  await sandbox.close();
  await strict.close();
});

async function call(target: string, body: string | object, sb = sandbox) {
  const res = await fetch(sb.url, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json, headers: res.headers };
}

async function sts(body: string) {
  const res = await fetch(sandbox.url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe("sandbox malformed requests", () => {
  it("answers a good raw request in AWS JSON 1.1 with a request id", async () => {
    const r = await call("AWSIdentityStore.ListUsers", { IdentityStoreId: STORE, MaxResults: 2 });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(r.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect((r.json.Users as unknown[]).length).toBe(2);
    expect(typeof (r.json.Users as { CreatedAt: unknown }[])[0]?.CreatedAt).toBe("number");
  });

  it("refuses missing required parameters", async () => {
    const is = await call("AWSIdentityStore.DescribeUser", { IdentityStoreId: STORE });
    expect(is.status).toBe(400);
    expect(is.json.__type).toBe("ValidationException");
    expect(is.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(is.json.Message).toContain(
      "Value null at 'userId' failed to satisfy constraint: Member must not be null",
    );
    const sso = await call("SWBExternalService.ListAccountAssignments", { InstanceArn: INSTANCE });
    expect(sso.json.__type).toBe("ValidationException");
    expect(sso.json.Message).toMatch(/^2 validation errors detected/);
    const org = await call("AWSOrganizationsV20161128.DescribeAccount", {});
    expect(org).toMatchObject({
      status: 400,
      json: { __type: "InvalidInputException", Reason: "INPUT_REQUIRED" },
    });
  });

  it("refuses MaxResults out of range and wrong types", async () => {
    for (const max of [0, 101, 1.5, "10"]) {
      const r = await call("AWSIdentityStore.ListUsers", { IdentityStoreId: STORE, MaxResults: max });
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe("ValidationException");
    }
    const org = await call("AWSOrganizationsV20161128.ListAccounts", { MaxResults: 21 });
    expect(org.json).toMatchObject({ __type: "InvalidInputException", Reason: "MAX_VALUE_EXCEEDED" });
  });

  it("refuses forged, altered and misused NextTokens", async () => {
    const first = await call("AWSIdentityStore.ListUsers", { IdentityStoreId: STORE, MaxResults: 2 });
    const token = first.json.NextToken as string;
    const second = await call("AWSIdentityStore.ListUsers", {
      IdentityStoreId: STORE,
      MaxResults: 2,
      NextToken: token,
    });
    expect(second.status).toBe(200);
    const altered = token.slice(0, 5) + (token[5] === "A" ? "B" : "A") + token.slice(6);
    for (const bad of ["forged", altered, `${token}x`]) {
      const r = await call("AWSIdentityStore.ListUsers", { IdentityStoreId: STORE, NextToken: bad });
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe("ValidationException");
    }
    const otherOp = await call("AWSIdentityStore.ListGroups", { IdentityStoreId: STORE, NextToken: token });
    expect(otherOp.json.__type).toBe("ValidationException");
    const otherList = await call("AWSIdentityStore.ListGroupMemberships", {
      IdentityStoreId: STORE,
      GroupId: identityId(2, 2),
      NextToken: token,
    });
    expect(otherList.json.__type).toBe("ValidationException");
    const org = await call("AWSOrganizationsV20161128.ListAccounts", { NextToken: token });
    expect(org.json).toMatchObject({ __type: "InvalidInputException", Reason: "INVALID_NEXT_TOKEN" });
  });

  it("refuses unknown targets and every mutating operation with UnknownOperationException", async () => {
    for (const target of [
      "AWSIdentityStore.CreateUser",
      "SWBExternalService.CreateAccountAssignment",
      "AWSOrganizationsV20161128.CreateAccount",
      "AWSIdentityStore.toString",
      "Nope.ListUsers",
      "garbage",
    ]) {
      const r = await call(target, {});
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe("UnknownOperationException");
    }
    // A write attempt is counted under its own IAM action, so a test can assert none happened.
    expect(sandbox.counters.count("identitystore:CreateUser", "invalid")).toBe(1);
    expect(sandbox.counters.count("sso:CreateAccountAssignment", "invalid")).toBe(1);
    expect(sandbox.counters.count("unknown", "invalid")).toBeGreaterThanOrEqual(3);
  });

  it("refuses bodies that are not a JSON object with SerializationException", async () => {
    for (const body of ["{not json", "[1,2]", "null", '"text"']) {
      const r = await call("AWSIdentityStore.ListUsers", body);
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe("SerializationException");
    }
    const huge = await call("AWSIdentityStore.ListUsers", `{"x":"${"a".repeat(2 << 20)}"}`);
    expect(huge.json.__type).toBe("SerializationException");
  });

  it("asks for authentication when none is given and credentials are required", async () => {
    const r = await call("AWSIdentityStore.ListUsers", { IdentityStoreId: STORE }, strict);
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe("MissingAuthenticationTokenException");
  });

  it("answers STS Query errors in XML", async () => {
    const unknown = await sts("Action=DeleteEverything&Version=2011-06-15");
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("<Code>InvalidAction</Code>");
    const missing = await sts("Action=AssumeRole&Version=2011-06-15&RoleSessionName=x1");
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>ValidationError<\/Code><Message>1 validation error detected: Value null at 'roleArn'/,
    );
    const denied = await sts(
      `Action=AssumeRole&Version=2011-06-15&RoleSessionName=x1&RoleArn=${encodeURIComponent("arn:aws:iam::111111111111:role/<b>")}`,
    );
    expect(denied.status).toBe(403);
    expect(denied.text).toContain("role/&lt;b&gt;");
    const other = await fetch(sandbox.url);
    expect(other.status).toBe(404);
  });
});

describe("sandbox admin routes", () => {
  it("reports health, counters, connection values, and resets counters", async () => {
    const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      ok: true,
      region: "eu-west-1",
      sizes: { users: 5, groups: 2, accounts: 3 },
    });
    await call("AWSIdentityStore.ListGroups", { IdentityStoreId: STORE });
    const counters = (await (await fetch(`${sandbox.url}/_sandbox/counters`)).json()) as {
      byAction: Record<string, { ok: number }>;
    };
    expect(counters.byAction["identitystore:ListGroups"]?.ok).toBeGreaterThanOrEqual(1);
    const connect = (await (await fetch(`${sandbox.url}/_sandbox/connect`)).json()) as Record<
      string,
      unknown
    >;
    expect(connect).toMatchObject({ endpoint: sandbox.url, identityStoreId: STORE, instanceArn: INSTANCE });
    const reset = await fetch(`${sandbox.url}/_sandbox/counters/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });

  it("applies mutations and refuses bad ones with a reason", async () => {
    const before = sandbox.world.revision;
    const ok = await fetch(`${sandbox.url}/_sandbox/mutate`, {
      method: "POST",
      body: JSON.stringify([{ op: "removeMembership", groupId: identityId(2, 2), userId: identityId(1, 1) }]),
    });
    expect(ok.status).toBe(200);
    expect(sandbox.world.revision).toBeGreaterThan(before);
    const r = await call("AWSIdentityStore.ListGroupMemberships", {
      IdentityStoreId: STORE,
      GroupId: identityId(2, 2),
    });
    expect(r.json.GroupMemberships).toEqual([]);

    const bad = await fetch(`${sandbox.url}/_sandbox/mutate`, {
      method: "POST",
      body: JSON.stringify([{ op: "explode" }]),
    });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${sandbox.url}/_sandbox/mutate`, {
      method: "POST",
      body: JSON.stringify([{ op: "deleteUser", userId: identityId(1, 999) }]),
    });
    expect(missing.status).toBe(404);
    const notJson = await fetch(`${sandbox.url}/_sandbox/mutate`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    const unknownRoute = await fetch(`${sandbox.url}/_sandbox/nothing`);
    expect(unknownRoute.status).toBe(404);
  });
});
