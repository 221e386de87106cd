import { describe, expect, it } from "vitest";
import type { Connection } from "../api/types.js";
import { availability } from "./capabilities.js";

const base: Connection = {
  id: "c1",
  integration: "aws-identity-center",
  name: "Prod",
  roleArn: "arn:aws:iam::123456789012:role/r",
  region: "us-east-1",
  identityStoreId: "d-1234567890",
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  scheduleMinutes: 360,
  state: "connected",
  lastError: null,
  lastWarnings: [],
  lastSyncedAt: "2026-11-30T12:00:00.000Z",
  lastRunId: "r1",
  lastRunState: "succeeded",
  nextSyncAt: null,
  counts: null,
  demo: false,
  createdAt: "2026-11-30T11:00:00.000Z",
};
const denied = (action: string): Connection => ({
  ...base,
  id: "c2",
  name: "Restricted",
  state: "error",
  lastSyncedAt: null,
  lastError: { code: "access_denied", message: "denied", action },
});
const users = { name: "Users", supported: true };
const accounts = { name: "AWS accounts", supported: true };

describe("capability availability", () => {
  it("is available once a connection synced", () => {
    expect(availability(users, [base]).label).toBe("Available");
    expect(availability({ name: "Provisioning", supported: false }, [base]).label).toBe("Not supported");
    expect(availability(users, []).label).toBe("Not connected");
  });

  it("names the missing action of a failed connection for the items it blocks", () => {
    const alone = availability(users, [denied("identitystore:ListUsers")]);
    expect(alone).toEqual({
      tone: "danger",
      label: "Unavailable",
      note: "Missing permission identitystore:ListUsers",
    });
    const mixed = availability(users, [base, denied("identitystore:ListUsers")]);
    expect(mixed.label).toBe("Partial");
    expect(mixed.note).toBe("Missing permission identitystore:ListUsers (Restricted)");
    expect(availability(accounts, [base, denied("identitystore:ListUsers")]).label).toBe("Available");
  });

  it("shows an optional part denied by a warning as partial", () => {
    const warned = {
      ...base,
      lastWarnings: [
        { code: "access_denied", message: "no tags", action: "organizations:ListTagsForResource" },
      ],
    };
    expect(availability(accounts, [warned])).toMatchObject({
      label: "Partial",
      note: "Missing permission organizations:ListTagsForResource",
    });
    expect(availability(users, [warned]).label).toBe("Available");
  });
});
