// Issue 16: `idc-sync notify add|list|test|deliveries|redeliver|remove` against a real data
// directory and a local receiver on 127.0.0.1 (allowed by IDC_SYNC_WEBHOOK_ALLOWLIST).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyCommand } from "../../src/cli/notify-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { SIGNATURE_HEADER, verifySignature } from "../../src/domain/notifications/signature.js";
import { runCli } from "./cli-support.js";
import { Receiver } from "./notify-receiver.js";

let dir: string;
let receiver: Receiver;
let url: string;
const env = (more: Record<string, string> = {}) => ({
  IDC_SYNC_DATA_DIR: dir,
  IDC_SYNC_WEBHOOK_ALLOWLIST: "127.0.0.1:*",
  ...more,
});
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-notify-"));
  expect((await runCli(orgCommand, ["create", "Notify", "--json"], env())).code).toBe(0);
  receiver = new Receiver();
  url = await receiver.start();
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("idc-sync notify", () => {
  it("adds a subscription with its secret shown once, tests it signed, logs, redelivers and removes it", async () => {
    const added = await runCli(
      notifyCommand,
      [
        "add",
        "--name",
        "ops",
        "--url",
        url,
        "--kind",
        "user.added,finding.opened",
        "--min-severity",
        "high",
        "--json",
      ],
      env(),
    );
    expect(added.code, added.err).toBe(0);
    const { subscription, secret } = JSON.parse(added.out) as {
      subscription: { id: string };
      secret: string;
    };
    expect(secret).toMatch(/^whsec_/);

    const list = await runCli(notifyCommand, ["list"], env());
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/ops\s+webhook/);
    expect(list.out).toContain("severity >= high");
    expect(list.out).not.toContain(secret);

    const tested = await runCli(notifyCommand, ["test", subscription.id], env());
    expect(tested.code, tested.err).toBe(0);
    expect(tested.out).toMatch(/delivered test event .* answered 204/);
    const [req] = receiver.requests;
    expect(
      verifySignature(
        secret,
        req?.body ?? "",
        String(req?.headers[SIGNATURE_HEADER.toLowerCase()]),
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);

    const log = await runCli(notifyCommand, ["deliveries", subscription.id, "--json"], env());
    const [delivery] = JSON.parse(log.out) as {
      id: string;
      status: string;
      attempts: number;
      lastStatusCode: number;
    }[];
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    const again = await runCli(notifyCommand, ["redeliver", delivery?.id ?? ""], env());
    expect(again.code, again.err).toBe(0);

    // A receiver that fails: the redelivered event goes first (order) and fails; the test event
    // waits behind it; the command says so and exits non-zero.
    receiver.otherwise = 500;
    const failed = await runCli(notifyCommand, ["test", subscription.id], env());
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/not delivered yet: it waits behind earlier events/);
    expect(receiver.requests.at(-1)?.answered).toBe(500);
    const after = JSON.parse(
      (await runCli(notifyCommand, ["deliveries", subscription.id, "--json"], env())).out,
    ) as {
      status: string;
      lastStatusCode: number | null;
    }[];
    expect(after.map((d) => [d.status, d.lastStatusCode])).toEqual([
      ["pending", null],
      ["pending", 500],
    ]);

    const removed = await runCli(notifyCommand, ["remove", subscription.id], env());
    expect(removed.code, removed.err).toBe(0);
    expect((await runCli(notifyCommand, ["list", "--json"], env())).out.trim()).toBe("[]");
  });

  it("refuses bad input with a one-line reason naming the option", async () => {
    const cases: [string[], RegExp][] = [
      [["add", "--url", url], /--name/],
      [["add", "--name", "x", "--url", "http://10.0.0.1/x"], /--url/],
      [["add", "--name", "x", "--url", "https://example.com/x", "--slack"], /Slack/],
      [["add", "--name", "x", "--url", url, "--kind", "user.exploded"], /--kind/],
      [["add", "--name", "x", "--url", url, "--min-severity", "urgent"], /--min-severity/],
      [["add", "--name", "x", "--url", url, "--connection", "nope"], /CONNECTION/],
      [["test"], /SUBSCRIPTION_ID/],
      [["frobnicate"], /expected 'add'/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(notifyCommand, args, env());
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(pattern);
      expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    const outside = await runCli(notifyCommand, ["add", "--name", "x", "--url", url], {
      IDC_SYNC_DATA_DIR: dir,
    });
    expect(outside.code).toBe(2);
    expect(outside.err).toMatch(/IDC_SYNC_WEBHOOK_ALLOWLIST/);
  });
});
