import { describe, expect, it } from "vitest";
import type { ConnectionExport } from "./export-format.js";
import { connectionExportSchema, exportJsonChunks } from "./export-format.js";

const data: ConnectionExport = {
  formatVersion: 1,
  connection: {
    id: "c",
    name: 'N "q"',
    region: "us-east-1",
    identityStoreId: "d-1234567890",
    instanceArn: "arn:aws:sso:::instance/ssoins-1",
  },
  syncedAt: null,
  users: [1, 2, 3].map((n) => ({
    userId: `u${n}`,
    userName: `user${n}`,
    displayName: null,
    givenName: null,
    familyName: null,
    emails: [],
    primaryEmail: null,
    externalIds: [],
    status: "ENABLED",
    licenseTypes: ["AWS Identity Center"],
    firstSeenAt: "2026-11-30T12:00:00.000Z",
    deletedAt: null,
    lastSignInAt: n === 1 ? "2026-11-29T08:00:00.000Z" : null,
  })),
  groups: [],
  memberships: [{ groupId: "g", userId: "u1" }],
  accounts: [],
  permissionSets: [],
  assignments: [],
  access: [],
  findings: [],
};

describe("exportJsonChunks", () => {
  it("concatenates to the same JSON document, whatever the batch size", () => {
    for (const batch of [1, 2, 1000]) {
      const text = [...exportJsonChunks(data, batch)].join("");
      expect(JSON.parse(text)).toEqual(data);
      expect(connectionExportSchema.parse(JSON.parse(text))).toEqual(data);
      expect(text).toBe([...exportJsonChunks(data, 7)].join(""));
    }
    const chunks = [...exportJsonChunks(data, 1)];
    expect(chunks.length).toBeGreaterThan(4);
    expect(Object.keys(JSON.parse(chunks.join("")) as object)).toEqual(Object.keys(data));
  });
});
