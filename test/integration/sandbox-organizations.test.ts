// Organizations operations through the real SDK against the sandbox.
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListTagsForResourceCommand,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import {
  accountIdOf,
  assumeRole,
  clients,
  MGMT,
  rejection,
  statusOf,
  testWorld,
  type Clients,
} from "./sandbox-test-world.js";

let sandbox: Sandbox;
let c: Clients;

beforeAll(async () => {
  sandbox = await startSandbox({ world: testWorld({ accounts: 95 }) });
  c = clients(sandbox, await assumeRole(sandbox));
});
afterAll(async () => {
  await sandbox.close();
});

describe("sandbox organizations", () => {
  it("describes the organization", async () => {
    const out = await c.organizations.send(new DescribeOrganizationCommand({}));
    expect(out.Organization).toMatchObject({ Id: "o-abcdefghij", MasterAccountId: MGMT, FeatureSet: "ALL" });
  });

  it("pages ListAccounts at 20 with an empty page (still carrying a NextToken) after every third page", async () => {
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: c.organizations, pageSize: 20 }, {})) {
      sizes.push(page.Accounts?.length ?? 0);
      for (const a of page.Accounts ?? []) ids.push(a.Id ?? "");
    }
    expect(sizes).toEqual([20, 20, 20, 0, 20, 15]);
    expect(ids).toEqual(sandbox.world.accounts.map((a) => a.Id));

    const first = await c.organizations.send(new ListAccountsCommand({ MaxResults: 1 }));
    expect(first.Accounts?.[0]).toMatchObject({
      Id: MGMT,
      Arn: `arn:aws:organizations::${MGMT}:account/o-abcdefghij/${MGMT}`,
      Name: "Management",
      Status: "ACTIVE",
      State: "ACTIVE",
      JoinedMethod: "INVITED",
    });
    expect(first.Accounts?.[0]?.JoinedTimestamp).toEqual(new Date("2024-03-01T12:00:00.000Z"));
  });

  it("describes accounts and lists their tags; unknown ones are AccountNotFound / TargetNotFound (404)", async () => {
    const account = await c.organizations.send(new DescribeAccountCommand({ AccountId: accountIdOf(1) }));
    expect(account.Account?.Name).toBe("Account 1");
    const tags = await c.organizations.send(new ListTagsForResourceCommand({ ResourceId: accountIdOf(1) }));
    expect(tags.Tags).toEqual([{ Key: "env", Value: "prod" }]);

    const missing = await rejection(
      c.organizations.send(new DescribeAccountCommand({ AccountId: "999999999999" })),
    );
    expect(missing.name).toBe("AccountNotFoundException");
    expect(statusOf(missing)).toBe(404);
    const noTarget = await rejection(
      c.organizations.send(new ListTagsForResourceCommand({ ResourceId: "999999999999" })),
    );
    expect(noTarget.name).toBe("TargetNotFoundException");
    expect(statusOf(noTarget)).toBe(404);
  });

  it("answers bad input with InvalidInputException and its Reason", async () => {
    const badId = await rejection(c.organizations.send(new DescribeAccountCommand({ AccountId: "abc" })));
    expect(badId).toMatchObject({ name: "InvalidInputException", Reason: "INVALID_PATTERN" });
    expect(statusOf(badId)).toBe(400);
    const tooMany = await rejection(c.organizations.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(tooMany).toMatchObject({ name: "InvalidInputException", Reason: "MAX_VALUE_EXCEEDED" });
    const forged = await rejection(
      c.organizations.send(new ListAccountsCommand({ NextToken: "forged-token-value" })),
    );
    expect(forged).toMatchObject({ name: "InvalidInputException", Reason: "INVALID_NEXT_TOKEN" });
  });

  it("answers AWSOrganizationsNotInUseException (404) when told the account is in no organization", async () => {
    sandbox.setFaults({ organizationsNotInUse: true });
    try {
      const err = await rejection(c.organizations.send(new DescribeOrganizationCommand({})));
      expect(err.name).toBe("AWSOrganizationsNotInUseException");
      expect(statusOf(err)).toBe(404);
    } finally {
      sandbox.setFaults({ organizationsNotInUse: false });
    }
  });
});
