// The explore routes over the real app and a synced sandbox organization: groups, permission sets
// and accounts (lists with totals and cursors, one of each), the streamed CSV and JSON downloads,
// and the organization scoping (another organization's ids answer 404 with the error body).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessListResponse,
  accountDetailResponse,
  accountListResponse,
  groupDetailResponse,
  groupListResponse,
  groupMemberListResponse,
  permissionSetDetailResponse,
  permissionSetListResponse,
} from "../../src/http/api-contract.js";
import type { ConnectionExport } from "../../src/domain/export-format.js";
import { call, connectAndSync, startWorld, type World } from "./harness.js";

let world: World;
let conn: string;
let data: ConnectionExport;

beforeAll(async () => {
  world = await startWorld({ users: 40, groups: 6, accounts: 4, permissionSets: 3, seed: 9 });
  conn = await connectAndSync(world, world.tokenA, "Explore");
  data = (await call(world, "GET", `/api/connections/${conn}/export`)).body as ConnectionExport;
});
afterAll(async () => {
  await world.close();
});

async function get<T>(url: string, parse: { parse: (v: unknown) => T }): Promise<T> {
  const res = await call(world, "GET", url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return parse.parse(res.body);
}

const enc = encodeURIComponent;

describe("explore routes", () => {
  it("lists groups, permission sets and accounts with totals, and pages them by cursor", async () => {
    const groups = await get(`/api/connections/${conn}/groups?limit=4`, groupListResponse);
    expect(groups.total).toBe(data.groups.length);
    expect(groups.items).toHaveLength(4);
    const rest = await get(
      `/api/connections/${conn}/groups?limit=4&cursor=${enc(groups.nextCursor ?? "")}`,
      groupListResponse,
    );
    expect([...groups.items, ...rest.items].map((g) => g.groupId).sort()).toEqual(
      data.groups.map((g) => g.groupId).sort(),
    );
    const first = data.groups[0];
    expect(groups.items.concat(rest.items).find((g) => g.groupId === first?.groupId)?.members).toBe(
      data.memberships.filter((m) => m.groupId === first?.groupId).length,
    );

    const sets = await get(
      `/api/connections/${conn}/permission-sets?sort=users&order=desc`,
      permissionSetListResponse,
    );
    expect(sets.total).toBe(data.permissionSets.length);
    const holders = (arn: string) =>
      new Set(data.access.filter((a) => a.permissionSetArn === arn).map((a) => a.userId)).size;
    for (const p of sets.items) expect(p.users, p.name).toBe(holders(p.arn));
    expect(sets.items.map((p) => p.users)).toEqual([...sets.items.map((p) => p.users)].sort((a, b) => b - a));

    const accounts = await get(`/api/connections/${conn}/accounts`, accountListResponse);
    expect(accounts.total).toBe(data.accounts.length);
    for (const a of accounts.items)
      expect(a.grants).toBe(data.access.filter((g) => g.accountId === a.accountId).length);
  });

  it("gives one group, permission set (ARN as one encoded segment) and account", async () => {
    const g = data.groups[0];
    if (g === undefined) throw new Error("no group");
    const group = await get(`/api/connections/${conn}/groups/${enc(g.groupId)}`, groupDetailResponse);
    expect(group.group.groupId).toBe(g.groupId);
    expect(group.assignments).toHaveLength(
      data.assignments.filter((a) => a.principalType === "GROUP" && a.principalId === g.groupId).length,
    );
    const members = await get(
      `/api/connections/${conn}/groups/${enc(g.groupId)}/members?limit=2`,
      groupMemberListResponse,
    );
    expect(members.total).toBe(group.group.members);

    const p = data.permissionSets[0];
    if (p === undefined) throw new Error("no permission set");
    const set = await get(
      `/api/connections/${conn}/permission-sets/${enc(p.arn)}`,
      permissionSetDetailResponse,
    );
    expect(set.permissionSet).toEqual({ ...p });
    const held = await get(
      `/api/connections/${conn}/access?permissionSetArn=${enc(p.arn)}&limit=500`,
      accessListResponse,
    );
    expect(held.items).toHaveLength(set.counts.grants);

    const a = data.accounts[0];
    if (a === undefined) throw new Error("no account");
    const account = await get(`/api/connections/${conn}/accounts/${a.accountId}`, accountDetailResponse);
    expect(account.account).toEqual(a);
    expect(account.counts.grants).toBe(data.access.filter((x) => x.accountId === a.accountId).length);
  });

  it("answers 404 for another organization's connection and for ids not in the connection", async () => {
    const g = data.groups[0]?.groupId ?? "";
    const urls = [
      `/api/connections/${conn}/groups`,
      `/api/connections/${conn}/groups/${enc(g)}`,
      `/api/connections/${conn}/groups/${enc(g)}/members`,
      `/api/connections/${conn}/permission-sets`,
      `/api/connections/${conn}/permission-sets/${enc(data.permissionSets[0]?.arn ?? "")}`,
      `/api/connections/${conn}/accounts`,
      `/api/connections/${conn}/accounts/${data.accounts[0]?.accountId ?? ""}`,
      `/api/downloads/groups?connectionId=${conn}`,
    ];
    for (const url of urls) {
      const res = await call(world, "GET", url, { token: world.tokenB });
      expect(res.status, url).toBe(404);
      expect(res.body, url).toEqual({ error: { code: "not_found", message: expect.any(String) as unknown } });
    }
    for (const url of [
      `/api/connections/${conn}/groups/nope`,
      `/api/connections/${conn}/permission-sets/${enc("arn:aws:sso:::permissionSet/x/ps-nope")}`,
      `/api/connections/${conn}/accounts/000000000000`,
    ]) {
      expect((await call(world, "GET", url)).status, url).toBe(404);
    }
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const cases: [string, string][] = [
      [`/api/connections/${conn}/groups?sort=size`, "sort"],
      [`/api/connections/${conn}/accounts?limit=0`, "limit"],
      [`/api/connections/${conn}/groups?cursor=bm9wZQ`, "cursor"],
      [`/api/downloads/groups`, "connectionId"],
      [`/api/downloads/group-members?connectionId=${conn}`, "groupId"],
      [`/api/downloads/accounts?connectionId=${conn}&sort=members`, "sort"],
      [`/api/downloads/nothing?connectionId=${conn}`, "list"],
    ];
    for (const [url, field] of cases) {
      const res = await call(world, "GET", url);
      expect(res.status, url).toBe(400);
      expect((res.body as { error: { field?: string } }).error.field, url).toBe(field);
    }
  });
});

describe("downloads", () => {
  async function download(url: string) {
    const res = await world.app.server.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${world.tokenA}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  it("streams the access list as flat CSV: names beside ids, paths spelled out", async () => {
    const res = await download(`/api/downloads/access?connectionId=${conn}&format=csv`);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="idc-sync-access.csv"');
    const lines = res.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "accountId,accountName,permissionSetArn,permissionSetName,userId,userName,displayName,status,via,lastUsedAt",
    );
    expect(lines).toHaveLength(data.access.length + 1);
    expect(res.body).toMatch(/,direct,[^,\r\n]*\r\n|,"?direct; via group /);
    const viaGroup = data.access.find((a) => a.via.some((p) => p.type === "GROUP"));
    const g = viaGroup?.via.find((p) => p.type === "GROUP");
    const name = data.groups.find((x) => g?.type === "GROUP" && x.groupId === g.groupId)?.displayName;
    expect(res.body).toContain(`via group ${name} (${g?.type === "GROUP" ? g.groupId : ""})`);
    expect(res.body).not.toContain('"type"');
  });

  it("streams a filtered list as JSON: the same items as the paged list", async () => {
    const account = data.accounts[0]?.accountId ?? "";
    const res = await download(`/api/downloads/access?connectionId=${conn}&format=json&accountId=${account}`);
    const items = JSON.parse(res.body) as unknown[];
    const paged = await get(
      `/api/connections/${conn}/access?accountId=${account}&limit=500`,
      accessListResponse,
    );
    expect(items).toEqual(paged.items);

    const users = await download(
      `/api/downloads/users?format=csv&connectionId=${conn}&status=ENABLED&sort=userName`,
    );
    const rows = users.body.trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(data.users.filter((u) => u.status === "ENABLED").length);
    const groups = JSON.parse(
      (await download(`/api/downloads/groups?connectionId=${conn}&format=json`)).body,
    ) as unknown[];
    expect(groups).toHaveLength(data.groups.length);
  });

  it("joins lists in one cell: a user's emails, an account's tags", async () => {
    const res = await download(`/api/downloads/accounts?connectionId=${conn}`);
    const tagged = data.accounts.find((a) => Object.keys(a.tags).length > 1);
    if (tagged !== undefined) {
      const text = Object.entries(tagged.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join("; ");
      expect(res.body).toContain(text.includes(",") || text.includes('"') ? "" : text);
    }
    const users = await download(`/api/downloads/users?connectionId=${conn}`);
    const many = data.users.find((u) => u.emails.length > 1);
    if (many !== undefined) expect(users.body).toContain(many.emails.join("; "));
  });
});
