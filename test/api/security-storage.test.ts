// Issue 13, L9: a full or read-only disk (or database) is a named error, storage_full (507) or
// storage_read_only (503), not a plain 500. SQLite is made full (max_page_count) and read-only
// (query_only) for real; PostgreSQL answers with the SQLSTATEs a full disk (53100) and a
// read-only server (25006) give, raised by a trigger on the findings table.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../src/http/api-contract.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, type World } from "./harness.js";

describe.each(DIALECTS)("storage errors [%s]", (dialect) => {
  let world: World;
  let conn: string;
  let db: KyselyStore["db"];
  beforeAll(async () => {
    world = await startDialectWorld(dialect, { users: 5, groups: 2, accounts: 1 });
    conn = await connectAndSync(world, world.tokenA, "A");
    db = (world.store as KyselyStore).db;
  });
  afterAll(async () => {
    await world.close();
  });

  /** Makes writes fail as `state` does, runs `fn`, then makes them work again. */
  async function whileStorage(state: "full" | "read-only", fn: () => Promise<void>): Promise<void> {
    if (dialect === "sqlite") {
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count;
      if (state === "full") {
        await sql`create table if not exists filler (x blob)`.execute(db);
        await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
        // Use up the free pages too: then the next write that needs a page finds the disk full.
        for (let size = 4096; size >= 16; size /= 2) {
          for (;;) {
            try {
              await sql.raw(`insert into filler values (randomblob(${size}))`).execute(db);
            } catch {
              break;
            }
          }
        }
      } else await sql`pragma query_only = 1`.execute(db);
      try {
        await fn();
      } finally {
        await sql`pragma query_only = 0`.execute(db);
        await sql.raw(`pragma max_page_count = 1073741823`).execute(db);
        await sql`drop table if exists filler`.execute(db);
      }
      return;
    }
    const code = state === "full" ? "53100" : "25006";
    await sql
      .raw(
        `create or replace function storage_fault() returns trigger language plpgsql as $$
         begin raise exception 'simulated' using errcode = '${code}'; end $$`,
      )
      .execute(db);
    await sql`create trigger storage_fault before insert or update on findings
      for each row execute function storage_fault()`.execute(db);
    try {
      await fn();
    } finally {
      await sql`drop trigger storage_fault on findings`.execute(db);
    }
  }

  /**
   * Accepts open findings with long reasons until a write is refused (on a full SQLite file the
   * first few may still fit in a page's free space): that refusal must be the named error.
   */
  const expectNamed = async (status: number, code: string): Promise<void> => {
    const open = await call(world, "GET", `/api/connections/${conn}/findings?limit=100`);
    const ids = (open.body as { items: { id: string }[] }).items.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(5);
    let res = undefined;
    for (const id of ids) {
      res = await call(world, "POST", `/api/connections/${conn}/findings/${id}/accept`, {
        body: { reason: "R".repeat(1000), acceptedBy: "storage test" },
      });
      if (res.status !== 200) break;
    }
    expect(res?.status, JSON.stringify(res?.body)).toBe(status);
    const error = errorBodySchema.parse(res?.body).error;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/try again/);
  };

  it("a full disk answers 507 storage_full", async () => {
    await whileStorage("full", () => expectNamed(507, "storage_full"));
  });

  it("a read-only disk answers 503 storage_read_only", async () => {
    await whileStorage("read-only", () => expectNamed(503, "storage_read_only"));
  });

  it("writes work again afterwards, and reads worked all along", async () => {
    const res = await call(world, "PATCH", `/api/connections/${conn}`, { body: { name: "C" } });
    expect(res.status).toBe(200);
    expect((await call(world, "GET", `/api/connections/${conn}/findings`)).status).toBe(200);
  });
});
