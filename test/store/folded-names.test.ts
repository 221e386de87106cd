// Conformance (issue 17 defect 9): names sort case- and accent-insensitively, the same in both
// databases ("aerin" before "Zoë", not after "Zed" by code point), in the users list (by user
// name, display name and status), a group's members and the access pages, across keyset pages;
// and the users list still reads its order from an index.
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import type { User } from "../../src/domain/model.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import type { ListUsersOptions } from "../../src/store/store.js";
import {
  account,
  assign,
  connectionValues,
  group,
  member,
  permissionSet,
  readResult,
  user,
  userId,
} from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

/** User names, in the order a reader expects them. */
const ORDER = ["aerin", "Bob", "bob.2", "Émile", "émilie", "Ødegaard", "Olaf", "zed", "Zoë", "ZOLTAN"];
const SHUFFLED = [6, 9, 0, 3, 8, 1, 7, 4, 2, 5];

const people: User[] = SHUFFLED.map((i) =>
  user(i + 1, {
    userName: ORDER[i] as string,
    displayName: i === 2 ? null : `${ORDER[i] as string} Person`,
    status: i % 3 === 0 ? "DISABLED" : "ENABLED",
  }),
);

describeEachDialect("store: folded name order", (h) => {
  let store: KyselyStore;
  let orgId: string;
  let connectionId: string;
  const clock = new FakeClock();

  beforeAll(async () => {
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Folded")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues(1) })).id;
    const runner = new SyncRunner({
      store,
      now: clock.now,
      read: () =>
        Promise.resolve(
          readResult({
            users: people,
            groups: [group(1)],
            memberships: SHUFFLED.map((i) => member(1, i + 1)),
            accounts: [account(1)],
            permissionSets: [permissionSet(1)],
            assignments: [assign(1, 1, { group: 1 })],
          }),
        ),
    });
    expect((await runner.run(orgId, connectionId)).state).toBe("succeeded");
  });

  async function userNames(options: ListUsersOptions): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listUsers(orgId, { connectionId, ...options, limit: 3, cursor });
      names.push(...page.items.map((u) => u.userName));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return names;
  }

  it("sorts users by user name and display name ignoring case and accents, across pages", async () => {
    expect(await userNames({ sort: "userName" })).toEqual(ORDER);
    expect(await userNames({ sort: "userName", order: "desc" })).toEqual([...ORDER].reverse());
    // bob.2 has no display name: it sorts by its user name.
    expect(await userNames({ sort: "displayName" })).toEqual(ORDER);
    const disabled = ORDER.filter((_, i) => i % 3 === 0);
    const enabled = ORDER.filter((_, i) => i % 3 !== 0);
    expect(await userNames({ sort: "status" })).toEqual([...disabled, ...enabled]);
    expect(await userNames({ sort: "userName", search: "zo" })).toEqual(["Zoë", "ZOLTAN"]);
    expect(await userNames({ sort: "userName", search: "EMIL" })).toEqual(["Émile", "émilie"]);
  });

  it("sorts a group's members and the access pages the same way", async () => {
    const members: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listGroupMembers(orgId, connectionId, group(1).groupId, { limit: 4, cursor });
      members.push(...page.items.map((m) => m.userName));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(members).toEqual(ORDER);

    const access: string[] = [];
    cursor = null;
    do {
      const page = await store.listAccess(orgId, connectionId, { limit: 4, cursor });
      access.push(...page.items.map((r) => r.userName));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(access).toEqual(ORDER);
  });

  it("finds accented names from unaccented terms in members too", async () => {
    const page = await store.listGroupMembers(orgId, connectionId, group(1).groupId, { search: "zoe" });
    expect(page.items.map((m) => m.userName)).toEqual(["Zoë"]);
    const users = await store.listUsers(orgId, { connectionId, search: "ODEGAARD" });
    expect(users.items.map((u) => u.userId)).toEqual([userId(6)]);
  });

  it.runIf(h.dialect === "sqlite")("reads the users list's name orders from their indexes", async () => {
    const plan = async (column: string) => {
      const rows = await sql<{ detail: string }>`explain query plan
        select connection_id, ${sql.ref(column)}, user_id from users where connection_id = ${connectionId}
        order by ${sql.ref(column)}, user_id limit 51`.execute(store.db);
      return rows.rows.map((r) => r.detail).join("\n");
    };
    for (const column of ["user_name_sort", "display_name_sort"]) {
      const text = await plan(column);
      expect(text, column).toMatch(/USING (COVERING )?INDEX users_by_/);
      expect(text, column).not.toMatch(/TEMP B-TREE/);
    }
  });
});
