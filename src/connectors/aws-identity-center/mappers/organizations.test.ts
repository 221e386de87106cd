import {
  ListAccountsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  type ListAccountsCommandOutput,
  type ListTagsForResourceCommandOutput,
} from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import { replay } from "../../../../test/fixtures/recorded/replay.js";
import { mapAccount, tagsToRecord, unknownAccount } from "./organizations.js";

describe("organizations mappers on recorded responses", () => {
  it("maps accounts with State before Status, and their tags", async () => {
    const page = await replay<ListAccountsCommandOutput>(
      OrganizationsClient,
      new ListAccountsCommand({ MaxResults: 20 }),
      "organizations-list-accounts",
    );
    const tags = await replay<ListTagsForResourceCommandOutput>(
      OrganizationsClient,
      new ListTagsForResourceCommand({ ResourceId: "123456789012" }),
      "organizations-list-tags-for-resource",
    );
    const accounts = (page.Accounts ?? []).map((a, i) =>
      mapAccount(a, i === 0 ? tagsToRecord(tags.Tags) : {}),
    );
    expect(accounts).toEqual([
      {
        accountId: "123456789012",
        name: "Management — Ünïcode",
        email: "aws-root+mgmt@example.com",
        status: "ACTIVE",
        tags: { Team: "Plattform & Betrieb", env: "prod" },
      },
      {
        accountId: "210987654321",
        name: "Legacy 'sandbox'",
        email: "aws-root+legacy@example.com",
        status: "CLOSED",
        tags: {},
      },
      {
        accountId: "333344445555",
        name: "Before State existed",
        email: "aws-root+old@example.com",
        status: "ACTIVE",
        tags: {},
      },
    ]);
    expect(Object.keys(accounts[0]?.tags ?? {})).toEqual(["Team", "env"]);
  });

  it("reads an empty page that still carries a token", async () => {
    const page = await replay<ListAccountsCommandOutput>(
      OrganizationsClient,
      new ListAccountsCommand({ MaxResults: 20 }),
      "organizations-list-accounts-empty-page",
    );
    expect(page.Accounts).toEqual([]);
    expect(page.NextToken).toBeTruthy();
  });
});

describe("tagsToRecord", () => {
  it("keeps empty values, lets a later duplicate win and sorts keys by code unit", () => {
    const record = tagsToRecord([
      { Key: "b", Value: "1" },
      { Key: "B", Value: "" },
      { Key: "b", Value: "2" },
      { Value: "no key" },
    ]);
    expect(record).toEqual({ B: "", b: "2" });
    expect(Object.keys(record)).toEqual(["B", "b"]);
  });
});

describe("unknownAccount", () => {
  it("is an account with nothing but its id", () => {
    expect(unknownAccount("111122223333")).toEqual({
      accountId: "111122223333",
      name: null,
      email: null,
      status: null,
      tags: {},
    });
  });
});
