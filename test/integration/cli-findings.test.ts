// `idc-sync findings` against the sandbox organization seeded with every rule: the JSON shape of
// the issue, the "who is admin" answer, filters, accepting with a reason, bad input exiting 2, and
// findings.csv in the CSV export.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCommand } from "../../src/cli/connect-command.js";
import type { Command } from "../../src/cli/context.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { findingsCommand } from "../../src/cli/findings-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import { loadFixture, startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { connectArgs, expectOneLineUsage, PLATFORM_ENV, runCli, setProcessEnv } from "./cli-support.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/sandbox/findings-org.json");
const ALICE = "1234567890-aaaaaaaa-0000-4000-8000-000000000001";

let dir: string;
let sandbox: Sandbox;
let orgId: string;
let restoreEnv: () => void;

const cli = (command: Command, args: string[]) => runCli(command, args, { IDC_SYNC_DATA_DIR: dir });
const findings = (...args: string[]) => cli(findingsCommand, ["Findings", "--org", orgId, ...args]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-findings-"));
  restoreEnv = setProcessEnv(PLATFORM_ENV);
  const created = await cli(orgCommand, ["create", "Findings", "--json"]);
  const org = JSON.parse(created.out) as { id: string; externalId: string };
  orgId = org.id;
  // Sign-in activity denied: the fixture's expectations are about the other rules (the inactivity
  // rules are activity-sync.test.ts's).
  sandbox = await startSandbox({
    world: loadFixture(FIXTURE),
    trust: { externalId: org.externalId },
    faults: { deniedActions: ["cloudtrail:LookupEvents"] },
  });
  const connected = await cli(connectCommand, connectArgs(sandbox, "--name", "Findings", "--org", orgId));
  expect(connected.code, connected.err).toBe(0);
  const synced = await cli(syncCommand, ["Findings", "--org", orgId]);
  expect(synced.code, synced.err).toBe(0);
});

afterAll(async () => {
  restoreEnv();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("idc-sync findings", () => {
  it("prints the open findings as JSON in the issue's shape, most severe first", async () => {
    const r = await findings("--json");
    expect(r.err).toBe("");
    const items = JSON.parse(r.out) as Record<string, unknown>[];
    expect(items).toHaveLength(16);
    expect(Object.keys(items[0]!)).toEqual([
      "id",
      "rule",
      "severity",
      "status",
      "subject",
      "accountId",
      "permissionSetArn",
      "userId",
      "groupId",
      "message",
      "details",
      "firstSeenAt",
      "lastSeenAt",
      "resolvedAt",
      "acceptance",
    ]);
    expect(items.map((f) => f.severity)).toEqual([
      ...Array<string>(7).fill("high"),
      ...Array<string>(2).fill("medium"),
      ...Array<string>(7).fill("low"),
    ]);
    const noAccess = items.find((f) => f.rule === "user.no_access");
    expect(noAccess).toMatchObject({
      subject: { type: "user", name: "carol@example.com" },
      accountId: null,
      permissionSetArn: null,
      groupId: null,
      resolvedAt: null,
    });
  });

  it("answers who is admin: users, accounts, permission sets and the group they hold it through", async () => {
    const json = JSON.parse((await findings("--rule", "access.admin", "--json")).out) as {
      userId: string;
      accountId: string;
      details: { via: unknown[] };
    }[];
    expect(json.map((f) => [f.userId, f.accountId, f.details.via])).toEqual(
      expect.arrayContaining([
        [
          ALICE,
          "111111111111",
          [{ type: "GROUP", groupId: expect.any(String) as unknown, groupName: "Admins" }],
        ],
        [ALICE, "222222222222", [{ type: "DIRECT" }]],
      ]),
    );
    expect(json).toHaveLength(3);
    const text = await findings("--rule", "access.admin");
    expect(text.out.split("\n")[0]).toMatch(/^USER\s+STATUS\s+ACCOUNT\s+PERMISSION SET\s+VIA$/);
    expect(text.out).toMatch(
      /alice@example.com\s+ENABLED\s+Management \(111111111111\)\s+AdministratorAccess\s+group Admins/,
    );
    expect(text.out).toMatch(
      /dave@example.com\s+ENABLED\s+Management \(111111111111\)\s+InlineAdmin\s+direct/,
    );
  });

  it("filters by severity and user", async () => {
    const medium = JSON.parse((await findings("--severity", "medium", "--json")).out) as { rule: string }[];
    expect(medium.map((f) => f.rule).sort()).toEqual(["account.inactive_with_access", "assignment.orphaned"]);
    const alice = JSON.parse((await findings("--user", ALICE, "--json")).out) as { rule: string }[];
    expect(alice.map((f) => f.rule).sort()).toEqual([
      "access.admin",
      "access.admin",
      "assignment.direct_user",
    ]);
  });

  it("accepts a finding with a reason, after which it is listed as accepted, not open", async () => {
    const [direct] = JSON.parse((await findings("--rule", "assignment.direct_user", "--json")).out) as {
      id: string;
    }[];
    const refused = await findings("--accept", direct!.id);
    expectOneLineUsage(refused, /--reason/, "accept without reason");
    const accepted = await findings(
      "--accept",
      direct!.id,
      "--reason",
      "break-glass, reviewed",
      "--by",
      "sec-team",
    );
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toMatch(/^accepted f-/);
    const list = JSON.parse((await findings("--status", "accepted", "--json")).out) as {
      id: string;
      acceptance: unknown;
    }[];
    expect(list).toEqual([
      expect.objectContaining({
        id: direct!.id,
        acceptance: { by: "sec-team", reason: "break-glass, reviewed", at: expect.any(String) as unknown },
      }),
    ]);
    expect(JSON.parse((await findings("--json")).out)).toHaveLength(15);
  });

  it("refuses bad input with exit 2 and one line naming the option", async () => {
    expectOneLineUsage(await findings("--rule", "user.admin"), /--rule/, "bad rule");
    expectOneLineUsage(await findings("--severity", "critical"), /--severity/, "bad severity");
    expectOneLineUsage(await findings("--status", "closed"), /--status/, "bad status");
    expectOneLineUsage(await findings("--reason", "x"), /--accept/, "reason without accept");
  });

  it("writes findings.csv with the CSV export", async () => {
    const out = join(dir, "csv");
    const r = await cli(exportCommand, ["Findings", "--org", orgId, "--format", "csv", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(join(out, "findings.csv"), "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,rule,severity,status,subjectType,subjectId,subjectName,accountId,permissionSetArn,userId,groupId,message,details,firstSeenAt,lastSeenAt,resolvedAt,acceptedBy,acceptedReason,acceptedAt",
    );
    expect(lines).toHaveLength(17);
    expect(lines.some((l) => l.includes(",accepted,") && l.includes("sec-team"))).toBe(true);
  });
});
