import { describe, expect, it } from "vitest";
import { exportUserSchema } from "./export-format.js";
import {
  canonicalEntity,
  fieldNames,
  fromColumns,
  reportedChanges,
  sameEntity,
  toColumns,
  updateColumnsOf,
} from "./fields.js";
import {
  ACCOUNT_FIELDS,
  GROUP_FIELDS,
  PERMISSION_SET_FIELDS,
  USER_FIELDS,
  type PermissionSet,
  type User,
} from "./model.js";

const ps: PermissionSet = {
  arn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
  name: "Admin",
  description: null,
  sessionDuration: "PT1H",
  relayState: null,
  managedPolicies: ["b", "a"],
  customerManagedPolicies: [
    { path: "/z/", name: "n" },
    { name: "m", path: "/a/" },
  ],
  inlinePolicy: null,
  permissionsBoundary: { type: "MANAGED", managedPolicyArn: "arn:aws:iam::aws:policy/X" },
  tags: { b: "2", a: "1" },
  createdDate: "2026-01-01T00:00:00.000Z",
};

const user: User = {
  userId: "u1",
  userName: "alice",
  displayName: "Alice",
  givenName: null,
  familyName: null,
  emails: ["a@e.com", "b@e.com"],
  primaryEmail: "a@e.com",
  externalIds: [{ issuer: "okta", id: "1" }],
  status: "ENABLED",
};

describe("field lists", () => {
  it("keep the export contract's key order (design.md section 3); new fields go last", () => {
    expect(Object.keys(exportUserSchema.shape)).toEqual([
      "userId",
      "userName",
      "displayName",
      "givenName",
      "familyName",
      "emails",
      "primaryEmail",
      "externalIds",
      "status",
      "licenseTypes",
      "firstSeenAt",
      "deletedAt",
      "lastSignInAt",
    ]);
    expect(fieldNames(GROUP_FIELDS)).toEqual(["groupId", "displayName", "description"]);
    expect(fieldNames(ACCOUNT_FIELDS)).toEqual(["accountId", "name", "email", "status", "tags"]);
    expect(fieldNames(PERMISSION_SET_FIELDS)).toEqual([
      "arn",
      "name",
      "description",
      "sessionDuration",
      "relayState",
      "managedPolicies",
      "customerManagedPolicies",
      "inlinePolicy",
      "permissionsBoundary",
      "tags",
      "createdDate",
    ]);
  });

  it("store structured values as canonical JSON and read them back", () => {
    const row = toColumns(PERMISSION_SET_FIELDS, ps);
    expect(row).toMatchObject({
      arn: ps.arn,
      session_duration: "PT1H",
      managed_policies: '["a","b"]',
      customer_managed_policies: '[{"name":"m","path":"/a/"},{"name":"n","path":"/z/"}]',
      permissions_boundary: '{"type":"MANAGED","managedPolicyArn":"arn:aws:iam::aws:policy/X"}',
      tags: '{"a":"1","b":"2"}',
    });
    expect(fromColumns(PERMISSION_SET_FIELDS, row)).toEqual(canonicalEntity(PERMISSION_SET_FIELDS, ps));
    expect(JSON.stringify(fromColumns(PERMISSION_SET_FIELDS, row))).toBe(
      JSON.stringify(canonicalEntity(PERMISSION_SET_FIELDS, ps)),
    );
    expect(fromColumns(USER_FIELDS, toColumns(USER_FIELDS, user))).toEqual(user);
    expect(updateColumnsOf(GROUP_FIELDS)).toEqual(["display_name", "description"]);
  });

  it("compare in canonical form and report only the reported fields", () => {
    const reordered = { ...ps, managedPolicies: ["a", "b"], tags: { a: "1", b: "2" } };
    expect(sameEntity(PERMISSION_SET_FIELDS, ps, reordered)).toBe(true);
    expect(reportedChanges(PERMISSION_SET_FIELDS, ps, reordered)).toBeNull();
    expect(
      reportedChanges(PERMISSION_SET_FIELDS, ps, { ...reordered, inlinePolicy: "{}", tags: {} }),
    ).toEqual({
      before: { inlinePolicy: null, tags: { a: "1", b: "2" } },
      after: { inlinePolicy: "{}", tags: {} },
    });
    // External ids are rewritten silently; emails keep their order (primary first).
    const ids = { ...user, externalIds: [{ issuer: "okta", id: "2" }] };
    expect(sameEntity(USER_FIELDS, user, ids)).toBe(false);
    expect(reportedChanges(USER_FIELDS, user, ids)).toBeNull();
    expect(reportedChanges(USER_FIELDS, user, { ...user, emails: ["b@e.com", "a@e.com"] })).toEqual({
      before: { emails: ["a@e.com", "b@e.com"] },
      after: { emails: ["b@e.com", "a@e.com"] },
    });
  });
});
