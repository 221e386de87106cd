// Conformance: user search is a case-insensitive substring of the user name, display name, given
// or family name or an email, with the same answers and counts in both databases, whatever the
// term's length (SQLite answers 3+ characters from its trigram index, shorter terms otherwise),
// after users are renamed or removed, and in a database upgraded from before the search index.
import { beforeAll, expect, it } from "vitest";
import { foldText } from "../../src/domain/fold.js";
import type { User, UserStatus } from "../../src/domain/model.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { createMigrator } from "../../src/store/migrations.js";
import { userRow } from "../../src/store/rows.js";
import type { ListUsersOptions } from "../../src/store/store.js";
import { connectionValues, range, readResult, user, userId } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const person = (n: number, userName: string, over: Partial<User> = {}): User =>
  user(n, { userName, displayName: null, givenName: null, familyName: null, emails: [], ...over });

/** Names chosen to trip case folding, LIKE and FTS5 syntax, multi-byte text and short terms. */
function people(renamed: boolean): User[] {
  return [
    person(1, "zoe.odegaard@example.com", {
      displayName: "Zoë Ødegaard",
      givenName: "Zoë",
      familyName: "Ødegaard",
      emails: ["Zoe.Odegaard@Example.COM", "zoe@private.example.org"],
    }),
    renamed
      ? person(2, "augusta.king@example.com", {
          displayName: "Augusta King",
          givenName: "Augusta",
          familyName: "King",
          emails: ["augusta@example.com"],
        })
      : person(2, "ADA.LOVELACE@EXAMPLE.COM", {
          displayName: "Ada Lovelace",
          givenName: "Ada",
          familyName: "Lovelace",
          emails: ["ada@example.com"],
        }),
    person(3, "grace_hopper", { givenName: "Grace", familyName: "Hopper", status: "DISABLED" }),
    person(4, "percent%user", { displayName: "100% Sure" }),
    person(5, "back\\slash", { displayName: 'Say "Hi"' }),
    person(6, "o'brien", {
      displayName: "Seán O'Brien",
      givenName: "Seán",
      familyName: "O'Brien",
      emails: ["sean.obrien@example.com"],
    }),
    person(7, "İlker", { displayName: "İlker Işık" }),
    person(8, "nguyen", { displayName: "Nguyễn Văn An", status: "DISABLED" }),
    person(9, "near.and.or", { displayName: "NEAR AND OR NOT", givenName: "*", familyName: "(x)" }),
    person(10, "yamada", { displayName: "山田 太郎" }),
    ...range(11, 40).map((n) => user(n, { status: n % 4 === 0 ? "DISABLED" : "ENABLED" })),
  ].filter((u) => !(renamed && u.userId === userId(3)));
}

const TERMS = [
  ...["z", "Z", "ø", "%", "_", "\\", '"', "'", "*", "i", "1", "@", "."],
  ...["zo", "ZO", "é", "o'", "a_", "ık", "山田", "ex", "00"],
  ...["zoë", "ZOË", "ødegaard", "example.com", "EXAMPLE", "100%", "grace_h", 'say "hi"', "ada l"],
  ...["  Ada  ", "near", "and or", "(x)", "İl", "i̇lker", "田 太", "văn", "qqq", "user00", "user0011@"],
  ...["lovelace", "augusta", "private.example.org", "number 1", "zoe@"],
];

interface Expected {
  connectionId: string;
  user: User;
  status: UserStatus;
}

/** Case- and accent-insensitive (issue 17 defect 9: "zoe" finds "Zoë"). */
function matches(u: User, term: string): boolean {
  const t = foldText(term.trim());
  return [u.userName, u.displayName, u.givenName, u.familyName, ...u.emails].some(
    (f) => f !== null && foldText(f).includes(t),
  );
}

describeEachDialect("store: user search", (h) => {
  let store: KyselyStore;
  let orgId: string;
  let a: string;
  let b: string;
  const clock = new FakeClock();
  let world: { a: User[]; b: User[] };
  let expected: Expected[];

  const sync = async (connectionId: string, users: User[]) => {
    const runner = new SyncRunner({
      store,
      now: clock.now,
      read: () => Promise.resolve(readResult({ users })),
    });
    expect((await runner.run(orgId, connectionId, { force: true })).state).toBe("succeeded");
    clock.advance(60_000);
  };

  beforeAll(async () => {
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Search")).id;
    a = (await store.createConnection(orgId, { values: connectionValues(1) })).id;
    b = (await store.createConnection(orgId, { values: connectionValues(2) })).id;
    world = {
      a: people(false),
      // The same user id as in connection a, other names: found per connection.
      b: [person(1, "zed@other.example", { displayName: "Zed Other" }), person(50, "ada.b@other.example")],
    };
    await sync(a, world.a);
    await sync(b, world.b);
    expected = [
      ...world.a.map((u) => ({ connectionId: a, user: u, status: u.status })),
      ...world.b.map((u) => ({ connectionId: b, user: u, status: u.status })),
    ];
  });

  const key = (connectionId: string, id: string) => `${connectionId === a ? "a" : "b"}:${id}`;

  async function found(options: ListUsersOptions) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let counts;
    do {
      const page = await store.listUsers(orgId, { ...options, limit: 4, cursor });
      counts ??= page.counts;
      ids.push(...page.items.map((u) => key(u.connectionId, u.userId)));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { ids, counts };
  }

  async function expectSearchAsReference(term: string, options: ListUsersOptions = {}) {
    const scope = expected.filter(
      (e) =>
        (options.connectionId === undefined || e.connectionId === options.connectionId) &&
        matches(e.user, term),
    );
    const shown = scope.filter((e) => options.status === undefined || e.status === options.status);
    const result = await found({ ...options, search: term });
    const label = `${JSON.stringify(term)} ${JSON.stringify(options)}`;
    expect(new Set(result.ids).size, label).toBe(result.ids.length);
    expect([...result.ids].sort(), label).toEqual(
      shown.map((e) => key(e.connectionId, e.user.userId)).sort(),
    );
    const byStatus = (s: UserStatus) => scope.filter((e) => e.status === s).length;
    expect(result.counts?.byStatus, label).toEqual({
      ENABLED: byStatus("ENABLED"),
      DISABLED: byStatus("DISABLED"),
      DELETED: byStatus("DELETED"),
    });
    expect(result.counts?.total, label).toBe(scope.length);
  }

  it("finds a case-insensitive substring of any name or email, for terms of any length", async () => {
    for (const term of TERMS) {
      await expectSearchAsReference(term, { connectionId: a });
      await expectSearchAsReference(term);
    }
    expect((await found({ connectionId: a, search: "zoë" })).ids).toEqual([key(a, userId(1))]);
    expect((await found({ connectionId: a, search: "zo" })).ids).toEqual([key(a, userId(1))]);
  });

  it("combines search with status filter, sort orders and paging", async () => {
    for (const term of ["example", "ex", "e", "user", "number 2"]) {
      await expectSearchAsReference(term, { connectionId: a, status: "DISABLED" });
      for (const sort of ["displayName", "status", "firstSeenAt"] as const) {
        await expectSearchAsReference(term, { connectionId: a, sort, order: "desc" });
        await expectSearchAsReference(term, { sort, status: "ENABLED" });
      }
    }
  });

  it("follows renamed and removed users", async () => {
    world.a = people(true);
    await sync(a, world.a);
    expected = expected.map((e) => {
      if (e.connectionId !== a) return e;
      const now = world.a.find((u) => u.userId === e.user.userId);
      return now === undefined ? { ...e, status: "DELETED" } : { ...e, user: now, status: now.status };
    });
    expect((await found({ connectionId: a, search: "lovelace" })).ids).toEqual([]);
    expect((await found({ connectionId: a, search: "King" })).ids).toEqual([key(a, userId(2))]);
    for (const term of TERMS) await expectSearchAsReference(term);
    const deleted = await found({ connectionId: a, search: "grace", status: "DELETED" });
    expect(deleted.ids).toEqual([key(a, userId(3))]);
    expect((await store.listUsers(orgId, { connectionId: a })).counts.byStatus).toEqual({
      ENABLED: world.a.filter((u) => u.status === "ENABLED").length,
      DISABLED: world.a.filter((u) => u.status === "DISABLED").length,
      DELETED: 1,
    });
  });

  it("forgets a deleted connection's users", async () => {
    await store.deleteConnection(orgId, b);
    expected = expected.filter((e) => e.connectionId === a);
    for (const term of ["zed", "ze", "ada", "other"]) await expectSearchAsReference(term);
    expect((await store.listUsers(orgId, {})).counts.total).toBe(expected.length);
    if (h.dialect === "sqlite") {
      const keys = await store.db
        .selectFrom("user_search")
        .select("user_id")
        .where("connection_id", "=", b)
        .execute();
      expect(keys).toEqual([]);
    }
  });

  it("searches and counts the users of a database created before the search index", async () => {
    const raw = await h.raw("upgrade");
    const migrator = await createMigrator(raw, h.dialect);
    expect((await migrator.migrateTo("0001_initial")).error).toBeUndefined();
    const at = "2026-11-30T12:00:00.000Z";
    await raw
      .insertInto("organizations" as never)
      .values({ id: "org", name: "Old", external_id: "x".repeat(40), is_default: 0, created_at: at })
      .execute();
    await raw
      .insertInto("connections" as never)
      .values({
        id: "conn",
        organization_id: "org",
        name: "Old",
        role_arn: "arn:aws:iam::100000000001:role/r",
        region: "us-east-1",
        identity_store_id: "d-1",
        instance_arn: "arn:aws:sso:::instance/ssoins-1",
        schedule_minutes: 60,
        state: "connected",
        created_at: at,
        updated_at: at,
      })
      .execute();
    // The rows as the first schema had them: no folded user-name key, search text lower-cased.
    const rows = people(false).map((u) => {
      const { user_name_sort: _folded, ...row } = userRow("conn", {
        ...u,
        firstSeenAt: at,
        deletedAt: null,
        status: u.userId === userId(4) ? "DELETED" : u.status,
      });
      const text = [u.userName, u.displayName, u.givenName, u.familyName, ...u.emails];
      return {
        ...row,
        search_text: text
          .filter((t) => t !== null && t !== "")
          .join("\n")
          .toLowerCase(),
      };
    });
    await raw
      .insertInto("users" as never)
      .values(rows)
      .execute();
    await raw.destroy();

    const upgraded = await h.open({ database: "upgrade" });
    const page = await upgraded.listUsers("org", { connectionId: "conn", search: "ødegaard" });
    expect(page.items.map((u) => u.userId)).toEqual([userId(1)]);
    expect((await upgraded.listUsers("org", { search: "O'B" })).items.map((u) => u.userId)).toEqual([
      userId(6),
    ]);
    // Migration 0006 folded the old rows: accents no longer matter.
    expect((await upgraded.listUsers("org", { search: "odegaard" })).items.map((u) => u.userId)).toEqual([
      userId(1),
    ]);
    expect((await upgraded.listUsers("org", { search: "zoe odeg" })).items.map((u) => u.userId)).toEqual([
      userId(1),
    ]);
    const all = await upgraded.listUsers("org", { connectionId: "conn", limit: 1 });
    expect(all.counts.byStatus).toEqual({
      ENABLED: rows.filter((r) => r.status === "ENABLED").length,
      DISABLED: rows.filter((r) => r.status === "DISABLED").length,
      DELETED: 1,
    });
    expect(await upgraded.getConnectionCounts("org", "conn")).toMatchObject({ deletedUsers: 1 });
  });
});
