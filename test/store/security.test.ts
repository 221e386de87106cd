// Issue 13, M2, store side: tokens with scope, last use, expiry and revocation; web sessions
// stored hashed with idle and absolute expiry, ended by sign-out and by their token's
// revocation; IDC_SYNC_ADMIN_TOKEN as a bootstrap secret. On both databases.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/domain/errors.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const LIMITS = { idleMs: 30 * 60_000, absoluteMs: 4 * 3600_000 };
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describeEachDialect("store: tokens and sessions", (h) => {
  describe("tokens", () => {
    it("create, authenticate with scope, note the last use at most once a minute, list, revoke", async () => {
      const clock = new FakeClock();
      const store = await h.open({ now: clock.now });
      const org = await store.createOrganization("Tokens");
      const { token, info } = await store.createToken(org.id, { name: "CI", scope: "read" });
      expect(info).toMatchObject({
        name: "CI",
        scope: "read",
        lastUsedAt: null,
        revokedAt: null,
        bootstrap: false,
      });
      const principal = await store.authenticateToken(token);
      expect(principal).toMatchObject({ tokenId: info.id, scope: "read", sessionId: null });
      expect(principal?.organization.id).toBe(org.id);
      const used = (await store.listTokens(org.id))[0];
      expect(used?.lastUsedAt).toBe(clock.now().toISOString());
      clock.advance(10_000);
      await store.authenticateToken(token);
      expect((await store.listTokens(org.id))[0]?.lastUsedAt).toBe(used?.lastUsedAt);

      const other = await store.createOrganization("Other");
      await expect(store.revokeToken(other.id, info.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.authenticateToken(token)).not.toBeNull();
      const revoked = await store.revokeToken(org.id, info.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect(await store.authenticateToken(token)).toBeNull();
    });

    it("stores only the token's hash", async () => {
      const store = await h.open();
      const org = await store.createOrganization("Hashes");
      const { token } = await store.createToken(org.id, { name: "x", scope: "admin" });
      const rows = await store.db.selectFrom("api_tokens").select("token_hash").execute();
      expect(rows.map((r) => r.token_hash)).toContain(sha256(token));
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it("an expired token no longer authenticates", async () => {
      const clock = new FakeClock();
      const store = await h.open({ now: clock.now });
      const org = await store.createOrganization("Expiry");
      const expiresAt = new Date(clock.now().getTime() + 3600_000).toISOString();
      const { token } = await store.createToken(org.id, { name: "short", scope: "admin", expiresAt });
      expect(await store.authenticateToken(token)).not.toBeNull();
      clock.advance(3600_000);
      expect(await store.authenticateToken(token)).toBeNull();
    });
  });

  describe("sessions", () => {
    it("hold a random id stored hashed, end on sign-out, when idle, at their absolute end and with their token", async () => {
      const clock = new FakeClock();
      const store = await h.open({ now: clock.now });
      const org = await store.createOrganization("Sessions");
      const { token, info } = await store.createToken(org.id, { name: "web", scope: "admin" });
      const principal = (await store.authenticateToken(token))!;

      const signedOut = await store.createSession(principal, LIMITS);
      expect(signedOut).toMatch(/^idcss_/);
      expect(signedOut).not.toContain(token);
      const stored = await store.db.selectFrom("web_sessions").select("session_hash").execute();
      expect(stored.map((r) => r.session_hash)).toContain(sha256(signedOut));
      expect(await store.authenticateSession(signedOut, LIMITS)).toMatchObject({ tokenId: info.id });
      await store.revokeSession(signedOut);
      expect(await store.authenticateSession(signedOut, LIMITS)).toBeNull();

      const idle = await store.createSession(principal, LIMITS);
      clock.advance(LIMITS.idleMs - 1000);
      expect(await store.authenticateSession(idle, LIMITS)).not.toBeNull();
      clock.advance(LIMITS.idleMs - 1000);
      expect(await store.authenticateSession(idle, LIMITS)).not.toBeNull();
      clock.advance(LIMITS.idleMs);
      expect(await store.authenticateSession(idle, LIMITS)).toBeNull();

      const busy = await store.createSession(principal, LIMITS);
      for (let t = 0; t < LIMITS.absoluteMs - LIMITS.idleMs; t += LIMITS.idleMs / 2) {
        clock.advance(LIMITS.idleMs / 2);
        expect(await store.authenticateSession(busy, LIMITS)).not.toBeNull();
      }
      clock.advance(LIMITS.idleMs);
      expect(await store.authenticateSession(busy, LIMITS)).toBeNull();

      const ofRevokedToken = await store.createSession(principal, LIMITS);
      await store.revokeToken(org.id, info.id);
      expect(await store.authenticateSession(ofRevokedToken, LIMITS)).toBeNull();
      expect(await store.authenticateSession("idcss_unknown", LIMITS)).toBeNull();
    });
  });

  describe("IDC_SYNC_ADMIN_TOKEN", () => {
    it("registers the value once, and a new value revokes the one before", async () => {
      const store = await h.open();
      const org = await store.createOrganization("Bootstrap");
      const first = "idcs_first-bootstrap-value-123456";
      const second = "idcs_second-bootstrap-value-12345";
      const a = await store.ensureBootstrapToken(org.id, first);
      expect(a.info).toMatchObject({ bootstrap: true, scope: "admin" });
      expect(a.revoked).toBe(0);
      expect((await store.ensureBootstrapToken(org.id, first)).revoked).toBe(0);
      const other = await store.createToken(org.id, { name: "not bootstrap", scope: "admin" });
      const b = await store.ensureBootstrapToken(org.id, second);
      expect(b.revoked).toBe(1);
      expect(await store.authenticateToken(first)).toBeNull();
      expect(await store.authenticateToken(second)).not.toBeNull();
      expect(await store.authenticateToken(other.token)).not.toBeNull();
      // Going back to the old value does not bring it back (a revoked secret stays revoked): it is
      // refused, naming the variable, and the current value keeps working.
      await expect(store.ensureBootstrapToken(org.id, first)).rejects.toThrow(
        /IDC_SYNC_ADMIN_TOKEN.*revoked/,
      );
      expect(await store.authenticateToken(first)).toBeNull();
      expect(await store.authenticateToken(second)).not.toBeNull();
    });
  });
});
