// Issue 17's defects in a real browser: the Users page when nothing is connected and at 1366 px,
// drift protection's one held-back state and its confirmation, editing a connection's Role ARN
// and Region, the Changes filters chosen by name, and the Integration Capabilities button. The
// steps run in order and share one browser page; connections are made through the API (the
// Connect dialog has its own tests in web.test.ts).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../src/http/contract/connections.js";
import { applyMutations, type Sandbox } from "../../src/sandbox/index.js";
import { seriousViolations } from "./axe.js";
import { DESKTOP, PHONE, startE2eWorld, valuesOf, type E2eWorld } from "./harness.js";

let w: E2eWorld;
let page: Page;
const ids = { first: "", second: "" };

beforeAll(async () => {
  w = await startE2eWorld();
  // axe is injected as a script: this context bypasses the app's CSP (which rightly refuses it).
  const context = await w.browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const card = (name: string) => page.getByRole("article", { name, exact: true });
const auth = () => ({ authorization: `Bearer ${w.token}` });

async function api<T>(method: "GET" | "POST" | "PATCH", path: string, data?: unknown): Promise<T> {
  const r = await page.request.fetch(`${w.url}${path}`, {
    method,
    headers: auth(),
    ...(data === undefined ? {} : { data }),
  });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Polls the connection until its latest run has ended in `state`. */
async function settled(id: string, state: Connection["lastRunState"]): Promise<Connection> {
  let c: Connection | undefined;
  await expect
    .poll(
      async () => {
        c = await api<Connection>("GET", `/api/connections/${id}`);
        return c.state !== "syncing" && c.state !== "pending" ? c.lastRunState : null;
      },
      { timeout: 30_000 },
    )
    .toBe(state);
  return c as Connection;
}

async function connectByApi(sandbox: Sandbox, name: string): Promise<string> {
  const created = await api<{ connection: Connection } | Connection>("POST", "/api/connections", {
    ...valuesOf(sandbox),
    name,
  });
  const id = "connection" in created ? created.connection.id : created.id;
  await settled(id, "succeeded");
  return id;
}

async function expectAccessible(label: string): Promise<void> {
  expect(await seriousViolations(page), label).toEqual([]);
}

describe("issue 17 defects in the web app", () => {
  it("says on Users that nothing is connected yet, and where to connect (defect 13)", async () => {
    await page.goto(w.url);
    await page.getByLabel("Access token").fill(w.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Integrations" }).waitFor();
    await page.goto(`${w.url}/users`);
    await page.getByRole("heading", { name: "No integration connected yet" }).waitFor();
    expect(await page.getByText("No users match").count()).toBe(0);
    await page.getByRole("link", { name: "Go to Integrations" }).click();
    await page.getByRole("heading", { level: 1, name: "Integrations" }).waitFor();
    await expectAccessible("users empty");
  });

  it("shows every column of the Users table at 1366 px, sorted ignoring case and accents (defect 9)", async () => {
    ids.first = await connectByApi(w.sandboxes.first, "Production");
    ids.second = await connectByApi(w.sandboxes.second, "Subsidiary");
    await page.setViewportSize(DESKTOP);
    await page.goto(`${w.url}/users?connection=${ids.first}`);
    const table = page.getByRole("table", { name: "Users" });
    await table.waitFor();
    const fits = await page.evaluate(() => {
      const wrap = document.querySelector(".table-wrap");
      const last = document.querySelector("table[aria-label=Users] thead th:last-child");
      if (wrap === null || last === null) return "no table";
      const box = wrap.getBoundingClientRect();
      const cell = last.getBoundingClientRect();
      return {
        scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
        lastInside: cell.right <= box.right + 1 && cell.right <= window.innerWidth,
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
      };
    });
    expect(fits).toEqual({ scrolls: false, lastInside: true, pageScrolls: false });
    await page.screenshot({ path: "/tmp/idc-users-1366.png", fullPage: true });
    // Paging with totals, as on the other lists.
    const total = w.sandboxes.first.world.users.length;
    await page.getByRole("navigation", { name: "Pages" }).getByText(`1–${total} of ${total}`).waitFor();

    const names = await table.locator("tbody tr td:first-child").allTextContents();
    const folded = names.map((n) => n.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, ""));
    expect([...folded].sort()).toEqual(folded);

    await page.setViewportSize(PHONE);
    await table.waitFor();
    await page.screenshot({ path: "/tmp/idc-users-390.png", fullPage: true });
    await page.setViewportSize(DESKTOP);
  });

  it("finds 'Zoë' by typing 'zoe' (defect 9)", async () => {
    const first = w.sandboxes.first;
    const target = first.world.users[0];
    if (target === undefined) throw new Error("no user");
    applyMutations(first.world, [{ op: "renameUser", userId: target.UserId, displayName: "Zoë Ångström" }]);
    await api("POST", `/api/connections/${ids.first}/sync`, {});
    await settled(ids.first, "succeeded");
    await page.goto(`${w.url}/users?connection=${ids.first}`);
    await page.getByLabel("Search users").fill("zoe angs");
    await page.getByRole("table", { name: "Users" }).getByText("Zoë Ångström").waitFor();
  });

  it("edits a connection's Role ARN, re-checked before saving, keeping its history (defect 12)", async () => {
    await page.goto(`${w.url}/integrations/aws-identity-center`);
    const conn = card("Production");
    await conn.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    const role = dialog.getByLabel("Role ARN");
    const before = await role.inputValue();
    await role.fill(before.replace(/role\/.*$/, "role/NotCreatedYet"));
    await dialog.getByRole("button", { name: "Save" }).click();
    // Refused by the checks, shown in the dialog; nothing saved.
    await dialog.getByText("sts:AssumeRole").first().waitFor();
    await w.shot("defects-edit-refused", page);
    await expectAccessible("edit refused");
    expect((await api<Connection>("GET", `/api/connections/${ids.first}`)).roleArn).toBe(before);

    // The customer creates that role: the same edit is saved, and the history stays.
    const renamed = before.replace(/role\/.*$/, "role/NotCreatedYet");
    (w.sandboxes.first.trust as { roleArn: string }).roleArn = renamed;
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await conn.getByText(renamed).waitFor();
    const runs = await api<{ items: unknown[] }>("GET", `/api/connections/${ids.first}/runs`);
    expect(runs.items.length).toBeGreaterThanOrEqual(2);
  });

  it("opens the Integration Capabilities per connection from the Integrations page and its tile (defect 15)", async () => {
    await page.goto(`${w.url}/integrations`);
    await page.getByRole("button", { name: "Integration Capabilities", exact: true }).click();
    const dialog = page.getByRole("dialog");
    const table = dialog.getByRole("table", { name: "AWS Identity Center capabilities by connection" });
    const heads = await table.locator("thead th").allTextContents();
    expect(heads).toEqual(["Item", "Production", "Subsidiary"]);
    const username = table.getByRole("row", { name: /^Username\b/ });
    expect(await username.getByText("Available", { exact: true }).count()).toBe(2);
    await w.shot("defects-capabilities-all", page);
    await expectAccessible("capabilities dialog");
    await dialog.getByRole("button", { name: "Close" }).click();

    await card("AWS Identity Center")
      .getByRole("button", { name: "Integration Capabilities of AWS Identity Center" })
      .click();
    await dialog.getByRole("heading", { name: "Integration Capabilities: AWS Identity Center" }).waitFor();
    await table.waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("shows a held-back sync as one state with N of M users and the list, confirmed in a dialog (defect 5)", async () => {
    const second = w.sandboxes.second;
    const gone = second.world.users.slice(0, 3);
    applyMutations(
      second.world,
      gone.map((u) => ({ op: "deleteUser" as const, userId: u.UserId })),
    );
    const total = gone.length + second.world.users.length;
    await api("POST", `/api/connections/${ids.second}/sync`, {});
    const held = await settled(ids.second, "needs_confirmation");
    expect(held.heldBack).toMatchObject({ usersDeleted: 3, liveUsers: total });

    await page.goto(`${w.url}/integrations/aws-identity-center`);
    const conn = card("Subsidiary");
    const percent = Math.round(300 / total);
    await conn.getByText(`Held back: 3 of ${total} users (${percent}%) would be deleted`).waitFor();
    // One state: not "Connected" and "Synced" beside it.
    expect(await conn.getByText("Connected", { exact: true }).count()).toBe(0);
    expect(await conn.getByRole("img", { name: "Synced" }).count()).toBe(0);
    await conn.getByText("Held back", { exact: true }).waitFor();
    await conn.getByText("Users it would delete (3)").click();
    for (const u of gone) await conn.locator(".held-users li", { hasText: u.UserName }).waitFor();
    await w.shot("defects-held-back", page);
    await expectAccessible("held back");

    await conn.getByRole("button", { name: "Review and confirm…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Delete 3 users and sync?" }).waitFor();
    // Cancelling commits nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await api<Connection>("GET", `/api/connections/${ids.second}`)).lastRunState).toBe(
      "needs_confirmation",
    );
    await conn.getByRole("button", { name: "Review and confirm…" }).click();
    await dialog.getByRole("button", { name: "Delete 3 users" }).click();
    const done = await settled(ids.second, "succeeded");
    expect(done.heldBack).toBeNull();
    expect(done.counts?.users).toBe(second.world.users.length);
    await conn.getByRole("img", { name: "Synced" }).waitFor();
  });

  it("filters Changes by a person and a permission set chosen by name, not by id (defect 10)", async () => {
    const target = w.sandboxes.first.world.users[0];
    if (target === undefined) throw new Error("no user");
    await page.goto(`${w.url}/changes`);
    await page.getByLabel("Person").fill("zoe ångs");
    await page.getByRole("list", { name: "Person matches" }).getByRole("button").first().click();
    await page.waitForURL((u) => u.searchParams.get("user") === target.UserId);
    await page.getByRole("button", { name: "Clear the person filter" }).waitFor();
    const feed = page.getByRole("list", { name: "Changes" }).locator(":scope > li");
    await expect.poll(() => feed.count()).toBeGreaterThan(0);
    const changes = await api<{ items: { userId: string | null }[] }>(
      "GET",
      `/api/changes?userId=${encodeURIComponent(target.UserId)}`,
    );
    expect(await feed.count()).toBe(changes.items.length);
    await w.shot("defects-changes-by-person", page);
    await expectAccessible("changes by person");
    await page.getByRole("button", { name: "Clear the person filter" }).click();
    await page.waitForURL((u) => !u.searchParams.has("user"));

    const set = w.sandboxes.first.world.permissionSets[0];
    if (set === undefined) throw new Error("no permission set");
    await page.getByLabel("Permission set").fill(set.Name.slice(0, 5));
    await page
      .getByRole("list", { name: "Permission set matches" })
      .getByRole("button", { name: set.Name })
      .first()
      .click();
    await page.waitForURL((u) => u.searchParams.get("permissionSet") === set.PermissionSetArn);
    await page.getByText(set.Name, { exact: true }).first().waitFor();
  });
});
