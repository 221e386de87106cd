import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SandboxFixtureError, loadFixture, parseFixture } from "./fixture.js";

const SMALL_ORG = join(import.meta.dirname, "../../test/fixtures/sandbox/small-org.json");

interface FixtureJson {
  revision?: unknown;
  otherInstances?: unknown;
  users: Record<string, unknown>[];
  memberships: { UserId: string }[];
  provisioned: Record<string, string[]>;
}

function smallOrgJson(): FixtureJson {
  return JSON.parse(readFileSync(SMALL_ORG, "utf8")) as FixtureJson;
}

function errorOf(f: () => unknown): SandboxFixtureError {
  try {
    f();
  } catch (err) {
    if (err instanceof SandboxFixtureError) return err;
    throw err;
  }
  throw new Error("expected a SandboxFixtureError");
}

describe("loadFixture", () => {
  it("loads the small org", () => {
    const w = loadFixture(SMALL_ORG);
    expect(w.revision).toBe(0);
    expect(w.users.map((u) => u.UserStatus)).toEqual(["ENABLED", "DISABLED", undefined, "ENABLED"]);
    expect("UserStatus" in (w.users[2] ?? {})).toBe(false);
    expect(w.groups).toHaveLength(2);
    expect(w.accounts).toHaveLength(2);
    expect(w.permissionSets).toHaveLength(2);
    expect(w.assignments).toHaveLength(7);
  });

  it("names the bad field of a fixture file", () => {
    const json = smallOrgJson();
    (json.users[1] as Record<string, unknown>).UserStatus = "SUSPENDED";
    const path = join(mkdtempSync(join(tmpdir(), "sb-fixture-")), "bad.json");
    writeFileSync(path, JSON.stringify(json));
    const err = errorOf(() => loadFixture(path));
    expect(err.code).toBe("SANDBOX_FIXTURE_INVALID");
    expect(err.message).toContain(path);
    expect(err.message).toContain("users[1].UserStatus");
  });

  it("reports a missing file and invalid JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-fixture-"));
    expect(errorOf(() => loadFixture(join(dir, "none.json"))).message).toMatch(/cannot read sandbox fixture/);
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect(errorOf(() => loadFixture(join(dir, "broken.json"))).message).toMatch(/is not JSON/);
  });
});

describe("parseFixture", () => {
  it("defaults revision and otherInstances", () => {
    const json = smallOrgJson();
    delete json.revision;
    delete json.otherInstances;
    const w = parseFixture(json);
    expect(w.revision).toBe(0);
    expect(w.otherInstances).toEqual([]);
  });

  it("rejects a misspelt field and a bad id format, naming them", () => {
    const json = smallOrgJson();
    (json.users[0] as Record<string, unknown>).Userstatus = "ENABLED";
    expect(errorOf(() => parseFixture(json)).message).toMatch(/users\[0\].*Userstatus/);
    const json2 = smallOrgJson();
    (json2.users[3] as Record<string, unknown>).UserId = "not-an-id";
    expect(errorOf(() => parseFixture(json2)).message).toContain("users[3].UserId");
  });

  it("rejects dangling memberships and assignments on unprovisioned pairs", () => {
    const json = smallOrgJson() as {
      memberships: { UserId: string }[];
      provisioned: Record<string, string[]>;
    };
    const m = json.memberships[0];
    if (m !== undefined) m.UserId = "1234567890-aaaaaaaa-0000-4000-8000-00000000dead";
    expect(errorOf(() => parseFixture(json)).message).toContain(
      "memberships[0].UserId: no user with this id",
    );
    const json2 = smallOrgJson();
    json2.provisioned["222222222222"] = [];
    expect(errorOf(() => parseFixture(json2)).message).toMatch(/assignments\[2\]: .*not provisioned/);
  });

  it("allows orphaned assignments (principals that no longer exist)", () => {
    const w = parseFixture(smallOrgJson());
    const users = new Set(w.users.map((u) => u.UserId));
    expect(w.assignments.some((a) => a.PrincipalType === "USER" && !users.has(a.PrincipalId))).toBe(true);
  });

  it("rejects duplicates", () => {
    const json = smallOrgJson();
    json.users.push({ ...json.users[0], UserId: "1234567890-aaaaaaaa-0000-4000-8000-000000000009" });
    expect(errorOf(() => parseFixture(json)).message).toMatch(/users\[4\]: duplicate UserName/);
  });
});
