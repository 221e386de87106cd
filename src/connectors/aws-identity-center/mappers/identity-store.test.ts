import {
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type ListGroupMembershipsCommandOutput,
  type ListGroupsCommandOutput,
  type ListUsersCommandOutput,
} from "@aws-sdk/client-identitystore";
import { describe, expect, it } from "vitest";
import { replay } from "../../../../test/fixtures/recorded/replay.js";
import { mapEmails, mapGroup, mapMembership, mapUser, mapUserStatus } from "./identity-store.js";

const STORE = "d-9067c8d2a1";

describe("identity store mappers on recorded responses", () => {
  it("maps a ListUsers page: status, Unicode names, emails primary first, external ids", async () => {
    const page = await replay<ListUsersCommandOutput>(
      IdentitystoreClient,
      new ListUsersCommand({ IdentityStoreId: STORE }),
      "identitystore-list-users",
    );
    const users = (page.Users ?? []).map(mapUser);
    expect(users).toEqual([
      {
        userId: "9067c8d2a1-4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        userName: "zoë.o'connor@example.com",
        displayName: "Zoë O'Connor",
        givenName: "Zoë",
        familyName: "O'Connor",
        emails: ["zoë.o'connor@example.com", "zoe.private@example.org"],
        primaryEmail: "zoë.o'connor@example.com",
        externalIds: [{ issuer: "https://scim.example.com/7c1a", id: "00u1a2b3c4D5e6F7g8h9" }],
        status: "ENABLED",
      },
      {
        userId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
        userName: "田中太郎",
        displayName: "田中 太郎",
        givenName: "太郎",
        familyName: "田中",
        emails: ["taro.tanaka@example.jp"],
        primaryEmail: "taro.tanaka@example.jp",
        externalIds: [],
        status: "ENABLED", // no UserStatus in the response
      },
      {
        userId: "9067c8d2a1-7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
        userName: 'svc-"quoted"-bot',
        displayName: null,
        givenName: null,
        familyName: null,
        emails: [],
        primaryEmail: null,
        externalIds: [],
        status: "DISABLED",
      },
      {
        userId: "9067c8d2a1-aa11bb22-cc33-4d44-8e55-ff6677889900",
        userName: "unflagged.email@example.com",
        displayName: "Ünflagged Émail",
        givenName: null,
        familyName: null,
        emails: ["unflagged.email@example.com"],
        primaryEmail: "unflagged.email@example.com",
        externalIds: [],
        status: "ENABLED",
      },
    ]);
  });

  it("maps a ListGroups page", async () => {
    const page = await replay<ListGroupsCommandOutput>(
      IdentitystoreClient,
      new ListGroupsCommand({ IdentityStoreId: STORE }),
      "identitystore-list-groups",
    );
    expect((page.Groups ?? []).map(mapGroup)).toEqual([
      {
        groupId: "9067c8d2a1-11111111-2222-4333-8444-555555555555",
        displayName: "Platform Engineers — Zürich",
        description: 'Everyone who may deploy to "prod"',
      },
      { groupId: "66666666-7777-4888-9999-aaaaaaaaaaaa", displayName: "Empty group", description: null },
    ]);
  });

  it("maps user members and skips member kinds it does not know", async () => {
    const groupId = "9067c8d2a1-11111111-2222-4333-8444-555555555555";
    const page = await replay<ListGroupMembershipsCommandOutput>(
      IdentitystoreClient,
      new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: groupId }),
      "identitystore-list-group-memberships",
    );
    expect((page.GroupMemberships ?? []).map((m) => mapMembership(m, groupId))).toEqual([
      { groupId, userId: "9067c8d2a1-4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" },
      { groupId, userId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d" },
      null,
    ]);
  });
});

describe("mapUserStatus", () => {
  it("reads absent as ENABLED and anything unknown as DISABLED", () => {
    expect(mapUserStatus(undefined)).toBe("ENABLED");
    expect(mapUserStatus("ENABLED")).toBe("ENABLED");
    expect(mapUserStatus("DISABLED")).toBe("DISABLED");
    expect(mapUserStatus("SUSPENDED")).toBe("DISABLED");
  });
});

describe("mapEmails", () => {
  it("handles no emails and emails without a value", () => {
    expect(mapEmails(undefined)).toEqual({ emails: [], primaryEmail: null });
    expect(mapEmails([{ Type: "work", Primary: true }])).toEqual({ emails: [], primaryEmail: null });
  });
});
