// Accessibility checks in the e2e tests: axe-core (the standard rules engine) run in the page.
// Evaluated through the DevTools protocol, which the page's CSP does not govern (the app allows no
// inline script, rightly, and a script tag would be refused), so pages are checked under their CSP.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; html: string; failureSummary?: string }[];
  }[];
}

/** The serious and critical violations on the page as it is now, one line each (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }).axe.run(
      document,
      { resultTypes: ["violations"] },
    ),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.help}) at ${v.nodes
          .map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 120)} ${n.failureSummary ?? ""}`)
          .join("; ")}`,
    );
}
