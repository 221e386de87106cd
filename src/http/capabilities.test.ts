import { describe, expect, it } from "vitest";
import type { Capability } from "./api-contract.js";
import { IAM_ACTIONS } from "../connectors/aws-identity-center/actions.js";
import { CAPABILITY_ITEMS } from "../connectors/aws-identity-center/capability-items.js";
import { combinedCapabilities, connectionCapabilities, type CapabilitySource } from "./capabilities.js";

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
    expect(rows.get("Username")).toMatchObject({ available: true, missingAction: null });
    expect(rows.get("Username")?.note).toBe(
      "As of the last successful sync; newer syncs stop at the missing identitystore:ListGroups",
    );
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
    expect(rows.every((r) => !r.available && r.missingAction === null)).toBe(true);
    expect(rows[0]?.note).toBe("Not synced yet: the first sync failed: AWS kept throttling");
    const later = connectionCapabilities({
      ...synced,
      state: "error",
      lastError: { code: "throttled", message: "AWS kept throttling", action: null },
    });
    expect(later.every((r) => r.available && r.missingAction === null)).toBe(true);
    expect(later[0]?.note).toBe(
      "As of the last successful sync; the latest sync failed: AWS kept throttling",
    );
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
