// Issue 17 defect 11: the web app's own routes are real paths (history API), so the server answers
// a shared or reloaded link such as /integrations with the app, while /api stays JSON.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";

let dir: string;
let app: App;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-deep-links-"));
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>idc-sync web</title>");
  writeFileSync(join(web, "assets", "app.js"), "console.log(1)");
  app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: join(dir, "data") }), {
    logger: false,
    webRoot: web,
    demo: "off",
    detectCredentials: () => Promise.resolve(true),
  });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("deep links", () => {
  it.each(["/integrations", "/integrations/aws-identity-center", "/users/c-1/u-1?q=zo", "/changes"])(
    "serves the app for %s",
    async (url) => {
      const res = await app.server.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.body).toContain("idc-sync web");
    },
  );

  it("serves assets as files and a missing asset as a 404, not as the page", async () => {
    const asset = await app.server.inject({ method: "GET", url: "/assets/app.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain("console.log");
    const missing = await app.server.inject({ method: "GET", url: "/assets/gone.js" });
    expect(missing.statusCode).toBe(404);
  });

  it("keeps unknown API routes and non-GET requests as JSON 404", async () => {
    for (const [method, url] of [
      ["GET", "/api/nothing-here"],
      ["GET", "/api"],
      ["POST", "/integrations"],
    ] as const) {
      const res = await app.server.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
