// Issue 13, build item 2: the audit log in the store, on both databases: recorded with who, when,
// from where and what; read per organization, newest first, paged, filtered by action.
import { describe, expect, it } from "vitest";
import type { NewAuditEntry } from "../../src/domain/audit.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const entry = (
  organizationId: string | null,
  action: NewAuditEntry["action"],
  target: string,
): NewAuditEntry => ({
  organizationId,
  actor: { via: "token", tokenId: "t1", tokenName: "admin", sessionId: null },
  source: "10.0.0.1",
  action,
  target,
  details: { n: 1 },
});

describeEachDialect("store: audit log", (h) => {
  describe("audit", () => {
    it("keeps entries per organization, newest first, paged and filtered", async () => {
      const clock = new FakeClock();
      const store = await h.open({ now: clock.now });
      const a = await store.createOrganization("A");
      const b = await store.createOrganization("B");
      for (let i = 0; i < 5; i++) {
        await store.recordAudit(entry(a.id, i % 2 === 0 ? "connection.created" : "sync.requested", `c${i}`));
        clock.advance(1000);
      }
      await store.recordAudit(entry(b.id, "connection.deleted", "b-only"));
      await store.recordAudit(entry(null, "session.sign_in_failed", "nobody"));

      const first = await store.listAudit(a.id, { limit: 3 });
      expect(first.items.map((e) => e.target)).toEqual(["c4", "c3", "c2"]);
      expect(first.items[0]).toMatchObject({ organizationId: a.id, source: "10.0.0.1", details: { n: 1 } });
      expect(first.items[0]?.actor).toEqual({
        via: "token",
        tokenId: "t1",
        tokenName: "admin",
        sessionId: null,
      });
      const second = await store.listAudit(a.id, { limit: 3, cursor: first.nextCursor });
      expect(second.items.map((e) => e.target)).toEqual(["c1", "c0"]);
      expect(second.nextCursor).toBeNull();
      const synced = await store.listAudit(a.id, { action: "sync.requested" });
      expect(synced.items.map((e) => e.target)).toEqual(["c3", "c1"]);
      expect((await store.listAudit(b.id)).items.map((e) => e.target)).toEqual(["b-only"]);
      expect((await store.listAudit(null)).items.map((e) => e.target)).toEqual(["nobody"]);
    });
  });
});
