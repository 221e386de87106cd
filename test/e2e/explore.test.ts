// The explore pages in a real browser: Groups, Permission sets and Accounts (lists with search,
// sort, "1–25 of 60" paging and downloads; one of each), access from any side (a permission set's
// holders, an account's reach, a user's access, one click between them), dark mode, and axe-core
// on every page of the app (no serious or critical violations), on a desktop and a phone.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { seriousViolations } from "./axe.js";
import { DESKTOP, PHONE, SCREENSHOTS, startE2eWorld, valuesOf, type E2eWorld } from "./harness.js";

let w: E2eWorld;
let big: Sandbox;
let context: BrowserContext;
let page: Page;
let conn: string;
const SHOTS = process.env["IDC_SYNC_SHOTS"] ?? SCREENSHOTS;

async function connectAndSync(sandbox: Sandbox, name: string): Promise<string> {
  const settled = new Promise<unknown>((resolve) => {
    w.app.scheduler.events.on("settled", (_id: string, err: unknown) => resolve(err));
  });
  const res = await w.app.server.inject({
    method: "POST",
    url: "/api/connections",
    headers: { authorization: `Bearer ${w.token}` },
    payload: { ...valuesOf(sandbox), name },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(await settled).toBeUndefined();
  return (JSON.parse(res.body) as { id: string }).id;
}

beforeAll(async () => {
  w = await startE2eWorld();
  big = await startSandbox({
    generate: { seed: 44, users: 120, groups: 60, accounts: 6, permissionSets: 5 },
    host: "127.0.0.1",
    trust: { externalId: w.app.organization.externalId },
  });
  conn = await connectAndSync(big, "Explore");
  context = await w.browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const signedIn = await page.request.post(`${w.url}/api/session`, { data: { token: w.token } });
  expect(signedIn.status()).toBe(200);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await big?.close();
  await w?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `explore-${name}.png`), fullPage: true });
const h1 = (name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
const table = (name: string) => page.getByRole("table", { name, exact: true });
const range = (label: string) => page.getByRole("navigation", { name: label }).locator(".pager-range");

async function expectAccessible(what: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
}

/** Checks the page with axe and photographs it on a desktop and a phone. */
async function checkPage(name: string): Promise<void> {
  await expectAccessible(`${name} (desktop)`);
  await shot(`${name}-1366`);
  await page.setViewportSize(PHONE);
  await expectAccessible(`${name} (phone)`);
  await shot(`${name}-390`);
  await page.setViewportSize(DESKTOP);
}

describe("explore", () => {
  it("lists groups with counts, pages them with totals, searches and sorts", async () => {
    await page.goto(`${w.url}/groups`);
    await h1("Groups");
    await expect.poll(() => range("Pages of groups").textContent()).toBe("1–50 of 60");
    await page
      .getByRole("navigation", { name: "Pages of groups" })
      .getByLabel("Rows per page")
      .selectOption("25");
    await expect.poll(() => range("Pages of groups").textContent()).toBe("1–25 of 60");
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => range("Pages of groups").textContent()).toBe("26–50 of 60");
    await page.getByRole("button", { name: "Previous" }).click();
    await expect.poll(() => range("Pages of groups").textContent()).toBe("1–25 of 60");

    const name = big.world.groups[0]?.DisplayName ?? "";
    await page.getByLabel("Search groups").fill(name);
    await page.getByLabel("Search groups").press("Enter");
    await expect.poll(() => page.url()).toContain("q=");
    await table("Groups").getByRole("link", { name, exact: true }).first().waitFor();
    await page.getByLabel("Search groups").fill("");
    await page.getByLabel("Search groups").press("Enter");
    await expect.poll(() => range("Pages of groups").textContent()).toBe("1–25 of 60");

    await page.getByRole("button", { name: "Members" }).click();
    await page.getByRole("button", { name: "Members" }).click();
    await expect.poll(() => page.url()).toContain("sort=members&order=desc");
    const counts = await table("Groups").locator("tbody tr td:nth-child(2)").allTextContents();
    const numbers = counts.map((c) => Number(c.replace(/,/g, "")));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await checkPage("groups");

    const top = table("Groups").locator("tbody tr").first().getByRole("link");
    const topName = (await top.textContent()) ?? "";
    await top.click();
    await h1(topName);
  });

  it("shows a group's assignments and members, one click from each member and account", async () => {
    await table("Members").waitFor();
    const members = await table("Members").locator("tbody tr").count();
    expect(members).toBeGreaterThan(0);
    await expect.poll(() => range("Pages of members").textContent()).toMatch(/^1–\d+ of \d+$/);
    await checkPage("group");
    await table("Members").getByRole("link").first().click();
    await page
      .getByRole("table", { name: "Access" })
      .or(page.getByText("No access to any account."))
      .first()
      .waitFor();
  });

  it("shows a permission set's policies, accounts, assignments and who holds it", async () => {
    await page.goto(`${w.url}/permission-sets`);
    await h1("Permission sets");
    await page.getByRole("button", { name: "Users" }).click();
    await page.getByRole("button", { name: "Users" }).click();
    await expect.poll(() => page.url()).toContain("order=desc");
    await checkPage("permission-sets");
    await table("Permission sets").getByRole("link").first().click();
    await page.getByRole("heading", { level: 2, name: "Policies" }).waitFor();
    await page.getByRole("heading", { level: 3, name: /AWS managed policies/ }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Inline policy" }).waitFor();
    await table("Who holds it").waitFor();
    const how = await table("Who holds it").locator("tbody tr td:nth-child(4)").allTextContents();
    expect(how.every((t) => /Direct|via group/.test(t))).toBe(true);
    await checkPage("permission-set");

    // One click to an account that grants it, and from there to whoever can reach the account.
    await page.getByRole("table", { name: "Accounts" }).getByRole("link").first().click();
    await table("Who can reach it").waitFor();
    await page.getByRole("heading", { level: 2, name: /Permission sets/ }).waitFor();
    await checkPage("account");
    await table("Who can reach it").locator("tbody tr").first().getByRole("link").first().click();
    await page.getByRole("table", { name: "Access" }).waitFor();
    await page.getByRole("table", { name: "Access" }).getByRole("link").first().click();
    await table("Who can reach it").waitFor();
  });

  it("lists accounts with tags and reach, and downloads the list in view as CSV and JSON", async () => {
    await page.goto(`${w.url}/accounts`);
    await h1("Accounts");
    await expect
      .poll(() => range("Pages of accounts").textContent())
      .toBe(`1–${big.world.accounts.length} of ${big.world.accounts.length}`);
    await checkPage("accounts");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download accounts as CSV" }).click(),
    ]);
    const text = await readFile((await csv.path()) ?? "", "utf8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("accountId,name,email,status,tags,permissionSets,users,grants");
    expect(lines).toHaveLength(big.world.accounts.length + 1);

    await page.getByLabel("Search accounts").fill(big.world.accounts[0]?.Id ?? "");
    await page.getByLabel("Search accounts").press("Enter");
    await expect.poll(() => range("Pages of accounts").textContent()).toBe("1–1 of 1");
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download accounts as JSON" }).click(),
    ]);
    const items = JSON.parse(await readFile((await json.path()) ?? "", "utf8")) as { accountId: string }[];
    expect(items.map((a) => a.accountId)).toEqual([big.world.accounts[0]?.Id]);
  });

  it("follows the system's dark mode, still accessible", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${w.url}/permission-sets`);
    await table("Permission sets").waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(11, 15, 23)");
    await checkPage("dark-permission-sets");
    await table("Permission sets").getByRole("link").first().click();
    await table("Who holds it").waitFor();
    await checkPage("dark-permission-set");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("has no serious accessibility violation on any page of the app", async () => {
    const user = big.world.users[0]?.UserId ?? "";
    const pages: [string, string][] = [
      ["integrations", "/integrations"],
      ["users", "/users"],
      ["user", `/users/${conn}/${encodeURIComponent(user)}`],
      ["access", "/access"],
      ["changes", "/changes"],
      ["not-found", "/nowhere"],
    ];
    for (const [name, path] of pages) {
      await page.goto(`${w.url}${path}`);
      await page.locator("main h1, main .empty-state h3").first().waitFor();
      await page.locator(".loading").waitFor({ state: "detached" });
      await checkPage(name);
    }
  });
});
