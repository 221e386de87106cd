// The Connect form's inline checks must agree with the server's (src/domain/connection-values.ts):
// a value the form accepts is accepted by the server, and each one the server refuses is refused
// on the same field.
import { describe, expect, it } from "vitest";
import { parseConnectionValues } from "../domain/connection-values.js";
import { ValidationError } from "../domain/errors.js";
import { endpointUrlSchema } from "../http/contract/connections.js";
import { validateConnectForm, validateEndpointUrl, type ConnectFormValues } from "./validation.js";

const good: ConnectFormValues = {
  roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
  region: "eu-west-1",
  identityStoreId: "d-90670ca891",
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  name: "",
  endpointUrl: "",
};

const cases: [string, Partial<ConnectFormValues>][] = [
  ["valid", {}],
  ["role with a path", { roleArn: "arn:aws:iam::123456789012:role/service/team/idc-sync" }],
  ["role ARN of a user", { roleArn: "arn:aws:iam::123456789012:user/alice" }],
  ["role ARN with 11 digits", { roleArn: "arn:aws:iam::12345678901:role/x" }],
  ["role ARN empty", { roleArn: "" }],
  [
    "role ARN in GovCloud",
    {
      roleArn: "arn:aws-us-gov:iam::123456789012:role/x",
      region: "us-gov-west-1",
      instanceArn: "arn:aws-us-gov:sso:::instance/ssoins-1234567890abcdef",
    },
  ],
  ["region of another partition", { region: "cn-north-1" }],
  ["region unknown", { region: "moon-east-1" }],
  ["region empty", { region: "" }],
  ["identity store id in capitals", { identityStoreId: "d-90670CA891" }],
  ["identity store id too short", { identityStoreId: "d-90670ca89" }],
  ["identity store id as UUID", { identityStoreId: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" }],
  ["identity store id with spaces around", { identityStoreId: "  d-90670ca891 " }],
  ["instance ARN without ssoins", { instanceArn: "arn:aws:sso:::instance/1234567890abcdef" }],
  ["instance ARN with ins- only", { instanceArn: "arn:aws:sso:::instance/ins-1234567890abcdef" }],
  ["instance ARN of another partition", { instanceArn: "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef" }],
  ["instance ARN too short", { instanceArn: "arn:aws:sso:::instance/ssoins-123" }],
];

function serverField(v: ConnectFormValues): string | undefined {
  try {
    parseConnectionValues(v);
    return undefined;
  } catch (err) {
    if (err instanceof ValidationError) return err.field;
    throw err;
  }
}

describe("connect form validation", () => {
  it.each(cases)("agrees with the server: %s", (_name, patch) => {
    const values = { ...good, ...patch };
    const client = validateConnectForm(values);
    const field = serverField(values);
    if (field === undefined) expect(client).toEqual({});
    // The server names the first bad field; the form marks that one (and maybe others).
    else expect(Object.keys(client)).toContain(field);
    // The form refuses nothing the server accepts.
    if (Object.keys(client).length > 0) expect(field).toBeDefined();
  });

  it("says what is expected", () => {
    const e = validateConnectForm({ ...good, identityStoreId: "store-1" });
    expect(e.identityStoreId).toMatch(/d- followed by 10 lowercase hex digits/);
  });
});

describe("the advanced endpoint", () => {
  it.each([
    "http://127.0.0.1:4566",
    "https://sandbox.example.com/aws",
    "ftp://127.0.0.1",
    "file:///etc/passwd",
    "127.0.0.1:4566",
    "sandbox",
    `https://example.com/${"a".repeat(2048)}`,
  ])("agrees with the server: %s", (url) => {
    expect(validateEndpointUrl(url) === undefined).toBe(endpointUrlSchema.safeParse(url).success);
  });

  it("may be left empty", () => {
    expect(validateEndpointUrl("  ")).toBeUndefined();
    expect(validateConnectForm({ ...good, endpointUrl: "nope" }).endpointUrl).toMatch(/http:\/\//);
  });
});
