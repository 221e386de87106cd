import { describe, expect, it } from "vitest";
import { cachingStatements, type PreparingDatabase } from "./statement-cache.js";

function fakeDatabase() {
  const prepared: string[] = [];
  let closed = false;
  const statements: { sql: string; busy: boolean }[] = [];
  const database: PreparingDatabase = {
    close: () => {
      closed = true;
    },
    prepare: (sql) => {
      prepared.push(sql);
      const s = {
        sql,
        busy: false,
        reader: sql.startsWith("select"),
        all: () => [],
        run: () => ({ changes: 0, lastInsertRowid: 0 }),
        iterate: () => [][Symbol.iterator](),
      };
      statements.push(s);
      return s;
    },
  };
  return { database, prepared, statements, isClosed: () => closed };
}

describe("cachingStatements", () => {
  it("prepares each SQL text once and hands the same statement out again", () => {
    const fake = fakeDatabase();
    const db = cachingStatements(fake.database);
    const a = db.prepare("insert into t values (?)");
    const b = db.prepare("insert into t values (?)");
    db.prepare("select 1");
    expect(b).toBe(a);
    expect(fake.prepared).toEqual(["insert into t values (?)", "select 1"]);
  });

  it("gives a busy (still iterated) statement's caller a fresh one, uncached", () => {
    const fake = fakeDatabase();
    const db = cachingStatements(fake.database);
    const first = db.prepare("select * from t");
    fake.statements[0]!.busy = true;
    const second = db.prepare("select * from t");
    expect(second).not.toBe(first);
    fake.statements[0]!.busy = false;
    expect(db.prepare("select * from t")).toBe(first);
    expect(fake.prepared).toHaveLength(2);
  });

  it("keeps at most `size` texts, dropping the least recently used", () => {
    const fake = fakeDatabase();
    const db = cachingStatements(fake.database, 2);
    db.prepare("a");
    db.prepare("b");
    db.prepare("a"); // a is now the most recent
    db.prepare("c"); // drops b
    db.prepare("a");
    db.prepare("b");
    expect(fake.prepared).toEqual(["a", "b", "c", "b"]);
  });

  it("closes the database", () => {
    const fake = fakeDatabase();
    cachingStatements(fake.database).close();
    expect(fake.isClosed()).toBe(true);
  });
});
