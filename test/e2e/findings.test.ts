// Issue 12 in a real browser: the Findings page (counts per severity that match the API, filters,
// each finding's "why" linking to the explore pages of the user, account, permission set and group
// it is about, accepting with a reason and who) and the Who is admin view, with axe on each.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../src/http/contract/connections.js";
import type { FindingListResponse } from "../../src/http/contract/findings.js";
import { seriousViolations } from "./axe.js";
import { DESKTOP, PHONE, startE2eWorld, valuesOf, type E2eWorld } from "./harness.js";

let w: E2eWorld;
let page: Page;
let conn = "";

async function api<T>(method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const r = await page.request.fetch(`${w.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.token}` },
    ...(data === undefined ? {} : { data }),
  });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

beforeAll(async () => {
  w = await startE2eWorld();
  // axe is injected as a script: this context bypasses the app's CSP (which rightly refuses it).
  const context = await w.browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const signedIn = await page.request.post(`${w.url}/api/session`, { data: { token: w.token } });
  expect(signedIn.status()).toBe(200);
  const created = await api<Connection>("POST", "/api/connections", {
    ...valuesOf(w.sandboxes.first),
    name: "Production",
  });
  conn = created.id;
  // The first sync (no expect.poll outside a test): wait for the run to end.
  for (let state = ""; state !== "succeeded";) {
    const c = await api<Connection>("GET", `/api/connections/${conn}`);
    if (c.lastRunState === "failed") throw new Error(`first sync failed: ${c.lastError?.message ?? ""}`);
    state = c.lastRunState ?? "";
    if (state !== "succeeded")
      await page.waitForResponse(() => true, { timeout: 500 }).catch(() => undefined);
  }
}, 180_000);

afterAll(async () => {
  await w?.close();
});

async function expectAccessible(label: string): Promise<void> {
  expect(await seriousViolations(page), label).toEqual([]);
}

const findings = (query: string) => api<FindingListResponse>("GET", `/api/findings?${query}`);

describe("the Findings page", () => {
  it("shows the open findings with counts per severity as the API counts them", async () => {
    const all = await findings("limit=1");
    expect(all.counts.open.high).toBeGreaterThan(0);
    await page.goto(`${w.url}/findings`);
    await page.getByRole("heading", { level: 1, name: "Findings" }).waitFor();
    const stats = page.getByRole("list", { name: "Finding counts" });
    for (const s of ["high", "medium", "low"] as const) {
      const stat = stats.getByRole("button", { name: `${all.counts.open[s]} ${s} open` });
      await stat.waitFor();
    }
    await page.getByRole("list", { name: "Findings" }).locator("li.finding").first().waitFor();
    await w.shot("findings-page", page);
    await expectAccessible("findings");
  });

  it("explains why, linking to the user, account and permission set it is about", async () => {
    const admin = (await findings("rule=access.admin&limit=1")).items[0];
    if (admin === undefined) throw new Error("the sandbox gave no access.admin finding");
    await page.goto(`${w.url}/findings?rule=access.admin`);
    const first = page.getByRole("list", { name: "Findings" }).locator("li.finding").first();
    await first.getByText("Why").click();
    const about = first.getByRole("list", { name: "What this finding is about" });
    const link = (label: string) => about.locator("li", { hasText: `${label}:` }).getByRole("link");
    const enc = encodeURIComponent;
    const item = (await findings("rule=access.admin&limit=1")).items[0];
    expect(item?.id).toBe(admin.id);
    expect(await link("User").getAttribute("href")).toBe(`/users/${enc(conn)}/${enc(admin.userId ?? "")}`);
    expect(await link("Account").getAttribute("href")).toBe(
      `/accounts/${enc(conn)}/${enc(admin.accountId ?? "")}`,
    );
    expect(await link("Permission set").getAttribute("href")).toBe(
      `/permission-sets/${enc(conn)}/${enc(admin.permissionSetArn ?? "")}`,
    );
    await w.shot("findings-why", page);
    await expectAccessible("findings why");
    await link("Permission set").click();
    await page.waitForURL(/\/permission-sets\//);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(
      typeof admin.details.permissionSetName === "string" ? admin.details.permissionSetName : "",
    );
  });

  it("links a group finding's why to the group's page", async () => {
    const group = (await findings("rule=group.empty&limit=1")).items[0];
    if (group === undefined) return; // this sandbox has no empty group: nothing to link
    await page.goto(`${w.url}/findings?rule=group.empty`);
    const first = page.getByRole("list", { name: "Findings" }).locator("li.finding").first();
    await first.getByText("Why").click();
    const href = await first
      .getByRole("list", { name: "What this finding is about" })
      .getByRole("link")
      .first()
      .getAttribute("href");
    expect(href).toBe(`/groups/${encodeURIComponent(conn)}/${encodeURIComponent(group.groupId ?? "")}`);
  });

  it("accepts a finding with a reason and who, and counts it as accepted", async () => {
    const before = await findings("limit=1");
    await page.goto(`${w.url}/findings?severity=low`);
    const first = page.getByRole("list", { name: "Findings" }).locator("li.finding").first();
    await first.getByRole("button", { name: "Accept…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Reviewed with the security team");
    await dialog.getByLabel("Accepted by").fill("e2e admin");
    await w.shot("findings-accept", page);
    await expectAccessible("accept dialog");
    await dialog.getByRole("button", { name: "Accept", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await findings("limit=1")).counts.accepted)
      .toBe(before.counts.accepted + 1);
    const accepted = (await findings("status=accepted")).items[0];
    expect(accepted?.acceptance).toMatchObject({
      by: "e2e admin",
      reason: "Reviewed with the security team",
    });
  });
});

describe("the Who is admin view", () => {
  it("lists every admin-equivalent holding, each linked to its user, account and permission set", async () => {
    const open = await findings("rule=access.admin&status=open&limit=500");
    const accepted = await findings("rule=access.admin&status=accepted&limit=500");
    const total = open.items.length + accepted.items.length;
    await page.goto(`${w.url}/findings?view=admins`);
    const table = page.getByRole("table", { name: "Who is admin" });
    await table.waitFor();
    await expect.poll(() => table.locator("tbody tr").count()).toBe(total);
    const row = table.locator("tbody tr").first();
    expect(await row.getByRole("link").nth(1).getAttribute("href")).toMatch(/^\/accounts\//);
    expect(await row.getByRole("link").nth(2).getAttribute("href")).toMatch(/^\/permission-sets\//);
    await w.shot("findings-who-is-admin", page);
    await expectAccessible("who is admin");

    await page.setViewportSize(PHONE);
    await table.waitFor();
    await expectAccessible("who is admin, phone");
    await w.shot("findings-who-is-admin-phone", page);
    await page.setViewportSize(DESKTOP);
  });
});
