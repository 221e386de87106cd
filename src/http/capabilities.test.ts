import { describe, expect, it } from "vitest";
import type { Capability } from "./api-contract.js";
import { IAM_ACTIONS } from "../connectors/aws-identity-center/actions.js";
import { CAPABILITY_ITEMS } from "../connectors/aws-identity-center/capability-items.js";
import {
  capabilitiesProblem,
  combinedCapabilities,
  connectionCapabilities,
  type CapabilitySource,
} from "./capabilities.js";

const synced: CapabilitySource = {
  name: "Prod",
  state: "connected",
  lastError: null,
  lastWarnings: [],
  lastSyncedAt: "2026-11-30T12:00:00.000Z",
};
const denied = (action: string, lastSyncedAt: string | null = null): CapabilitySource => ({
  name: "Restricted",
  state: "error",
  lastError: { code: "access_denied", message: `not authorized to perform ${action}`, action },
  lastWarnings: [],
  lastSyncedAt,
});
const byName = (rows: Capability[]) => new Map(rows.map((r) => [r.name, r]));

describe("the action table", () => {
  it("feeds only items that exist", () => {
    const keys = new Set<string>(CAPABILITY_ITEMS.map((i) => i.key));
    for (const { feeds } of Object.values(IAM_ACTIONS)) {
      if (feeds !== "all") for (const k of feeds) expect(keys.has(k)).toBe(true);
    }
  });
});

describe("one connection's capabilities", () => {
  it("are all available after a clean sync, and none before the first", () => {
    expect(connectionCapabilities(synced).every((r) => r.available && r.note === null)).toBe(true);
    const pending = connectionCapabilities({ ...synced, state: "pending", lastSyncedAt: null });
    expect(pending.every((r) => !r.available && r.missingAction === null)).toBe(true);
  });

  it("name an optional action denied by the last sync on the items it feeds only", () => {
    const rows = byName(
      connectionCapabilities({
        ...synced,
        lastWarnings: [
          { code: "access_denied", message: "no tags", action: "sso:ListTagsForResource" },
          {
            code: "access_denied",
            message: "no boundaries",
            action: "sso:GetPermissionsBoundaryForPermissionSet",
          },
        ],
      }),
    );
    expect(rows.get("Permission set tags")).toMatchObject({
      available: false,
      missingAction: "sso:ListTagsForResource",
      note: "Missing permission sso:ListTagsForResource: permission sets are read without tags",
    });
    expect(rows.get("Permissions boundaries")?.missingAction).toBe(
      "sso:GetPermissionsBoundaryForPermissionSet",
    );
    expect(rows.get("Permission sets")).toMatchObject({ available: true, missingAction: null });
  });

  it("treat a warning without an action by its code", () => {
    const rows = byName(
      connectionCapabilities({
        ...synced,
        lastWarnings: [{ code: "not_in_organization", message: "no organization" }],
      }),
    );
    expect(rows.get("Account names and tags")).toMatchObject({ available: false, missingAction: null });
    expect(rows.get("Username")?.available).toBe(true);
  });

  it("name a failed required action; other items stay as the last successful sync read them", () => {
    const rows = byName(connectionCapabilities(denied("identitystore:ListGroups", synced.lastSyncedAt)));
    expect(rows.get("Groups")).toMatchObject({ available: false, missingAction: "identitystore:ListGroups" });
    expect(rows.get("Group memberships")?.missingAction).toBe("identitystore:ListGroups");
    // Not "Available" while syncs fail (issue 17 defect 6): stale, as the last successful sync read it.
    expect(rows.get("Username")).toMatchObject({
      available: false,
      state: "stale",
      missingAction: null,
      note: "As of the last successful sync",
    });
  });

  it("count an action outside the table that failed the sync as feeding every item", () => {
    const rows = connectionCapabilities(denied("sso:SomethingNew", synced.lastSyncedAt));
    expect(rows.every((r) => !r.available && r.missingAction === "sso:SomethingNew")).toBe(true);
  });

  it("say why a failure without a denial left nothing synced", () => {
    const rows = connectionCapabilities({
      ...synced,
      state: "error",
      lastSyncedAt: null,
      lastError: { code: "throttled", message: "AWS kept throttling", action: null },
    });
    expect(rows.every((r) => !r.available && r.missingAction === null && r.state === "not_synced")).toBe(
      true,
    );
    // The error is said once for the table (capabilitiesProblem), not on every row.
    expect(rows.every((r) => !(r.note ?? "").includes("throttling"))).toBe(true);
    const later = connectionCapabilities({
      ...synced,
      state: "error",
      lastError: { code: "throttled", message: "AWS kept throttling", action: null },
    });
    expect(later.every((r) => !r.available && r.state === "stale" && r.missingAction === null)).toBe(true);
    expect(new Set(later.map((r) => r.note))).toEqual(new Set(["As of the last successful sync"]));
  });

  it("say a failure once for the table, headline first and AWS's words as details", () => {
    const failing = {
      ...synced,
      state: "error" as const,
      lastError: {
        code: "access_denied",
        message:
          "AWS denied identitystore:ListUsers: the permission policy of the role must allow identitystore:ListUsers " +
          "(AWS said AccessDeniedException: User: arn:aws:sts::1:assumed-role/R/idc-sync-session-9 is not authorized)",
        action: "identitystore:ListUsers",
      },
    };
    const problem = capabilitiesProblem([failing]);
    expect(problem?.headline).toBe(
      "AWS denied identitystore:ListUsers: the permission policy of the role must allow identitystore:ListUsers",
    );
    expect(problem?.details).toContain("assumed-role/R/…");
    expect(problem?.details).not.toContain("idc-sync-session-9");
    expect(capabilitiesProblem([synced])).toBeNull();
  });

  it("show account names and tags as partial when only the tags were denied", () => {
    const rows = byName(
      connectionCapabilities({
        ...synced,
        lastWarnings: [
          {
            code: "access_denied",
            message: "Account tags are missing (AWS denied organizations:ListTagsForResource)",
            action: "organizations:ListTagsForResource",
          },
        ],
      }),
    );
    expect(rows.get("Account names and tags")).toMatchObject({
      available: false,
      state: "partial",
      missingAction: "organizations:ListTagsForResource",
    });
    expect(rows.get("Account names and tags")?.note).toMatch(
      /^Partial: Missing permission organizations:ListTagsForResource/,
    );
    expect(rows.get("Accounts")).toMatchObject({ available: true, state: "available" });
  });
});

describe("capabilities of several connections", () => {
  it("say there is no connection yet", () => {
    expect(combinedCapabilities([]).every((r) => !r.available && /No connection/.test(r.note ?? ""))).toBe(
      true,
    );
  });

  it("are those of the only connection", () => {
    expect(combinedCapabilities([synced])).toEqual(connectionCapabilities(synced));
  });

  it("are available only where every connection has the item, naming who lacks it", () => {
    const rows = byName(combinedCapabilities([synced, denied("identitystore:ListUsers")]));
    expect(rows.get("Username")).toMatchObject({
      available: false,
      missingAction: "identitystore:ListUsers",
      note:
        "Restricted: Missing permission identitystore:ListUsers: users cannot be listed; the sync stops without it; " +
        "available from Prod",
    });
  });
});
