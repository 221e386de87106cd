// The layer rule of eslint.config.js, proved: an upward or cross import written on purpose fails
// lint, a legal one passes; and the import graph of src/ as it is has no cycle between folders.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// The table the config builds the rule from (a .js config: loaded by URL, typed here).
const configUrl = new URL("../../eslint.config.js", import.meta.url).href;
const { LAYERS, LAYER_EXCEPTIONS } = (await import(configUrl)) as {
  LAYERS: Record<string, readonly string[]>;
  LAYER_EXCEPTIONS: Record<string, readonly string[]>;
};
const src = path.join(root, "src");
// sync-thread.ts: the composition root of a sync's worker thread.
const ROOT_FILES = ["main.ts", "app.ts", "demo.ts", "config.ts", "sync-wiring.ts", "sync-thread.ts"];

// The project's own config, without type information (files written here do not exist on disk),
// and only the two rules that make up the layer rule.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: tseslint.configs.disableTypeChecked,
  ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports" || ruleId === "no-restricted-syntax",
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (result === undefined) throw new Error("no lint result");
  const fatal = result.messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`lint could not parse ${file}: ${fatal[0]?.message ?? ""}`);
  return result.messages.map((m) => m.message);
}

const imports = (specifier: string) => `import { x } from "${specifier}";\nexport const y = x;\n`;

describe("the layer rule (eslint.config.js)", () => {
  it.each([
    ["domain upward to the engine", "src/domain/probe.ts", "../engine/sync-runner.js"],
    ["domain upward to the store", "src/domain/probe.ts", "../store/store.js"],
    [
      "connector upward to the engine",
      "src/connectors/aws-identity-center/probe.ts",
      "../../engine/sync-runner.js",
    ],
    [
      "connector across to the store",
      "src/connectors/aws-identity-center/mappers/probe.ts",
      "../../../store/store.js",
    ],
    ["store across to the connector", "src/store/probe.ts", "../connectors/aws-identity-center/index.js"],
    [
      "aws-calls upward to the connector",
      "src/aws-calls/probe.ts",
      "../connectors/aws-identity-center/index.js",
    ],
    ["engine upward to a surface", "src/engine/probe.ts", "../http/server.js"],
    // The engine reaches storage only through its own port (engine/sync-store.ts).
    ["engine across to the store", "src/engine/diff/probe.ts", "../../store/store.js"],
    ["engine upward to the composition root", "src/engine/probe.ts", "../app.js"],
    ["a surface across to another", "src/http/probe.ts", "../cli/context.js"],
    ["the web into the server's code", "src/web/pages/probe.tsx", "../../http/server.js"],
    ["the web into the store", "src/web/pages/probe.tsx", "../../store/store.js"],
    [
      "the sandbox into the connector",
      "src/sandbox/probe.ts",
      "../connectors/aws-identity-center/actions.js",
    ],
    ["the sandbox into the engine", "src/sandbox/ops/probe.ts", "../../engine/sync-runner.js"],
    ["the sandbox into the domain", "src/sandbox/probe.ts", "../domain/model.js"],
    [
      "the connector into the sandbox",
      "src/connectors/aws-identity-center/probe.ts",
      "../../sandbox/index.js",
    ],
    ["the engine into the sandbox", "src/engine/probe.ts", "../sandbox/index.js"],
    ["the store into the sandbox", "src/store/probe.ts", "../sandbox/index.js"],
    [
      "a CLI command other than `sandbox` into the sandbox",
      "src/cli/users-command.ts",
      "../sandbox/index.js",
    ],
  ])("fails on %s", async (_what, file, specifier) => {
    const errors = await layerErrors(file, imports(specifier));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Layer rule: src\/[a-z-]+ may import only/);
  });

  it("fails on a type-only import, a re-export and a dynamic import() just the same", async () => {
    const file = "src/domain/probe.ts";
    expect(
      await layerErrors(file, `import type { SyncRunner } from "../engine/sync-runner.js";\n`),
    ).toHaveLength(1);
    expect(await layerErrors(file, `export { SyncRunner } from "../engine/sync-runner.js";\n`)).toHaveLength(
      1,
    );
    expect(await layerErrors(file, `export * from "../engine/sync-runner.js";\n`)).toHaveLength(1);
    const dynamic = await layerErrors(
      file,
      `export const load = () => import("../engine/sync-runner.js");\n`,
    );
    expect(dynamic).toEqual(["Layer rule: dynamic import() only in the composition root (src/*.ts)."]);
  });

  it.each([
    ["the engine down to the connector", "src/engine/probe.ts", "../connectors/aws-identity-center/index.js"],
    ["the engine down to the domain's sync state", "src/engine/probe.ts", "../domain/sync-state.js"],
    [
      "the connector down to aws-calls",
      "src/connectors/aws-identity-center/probe.ts",
      "../../aws-calls/concurrency.js",
    ],
    [
      "the connector down to the domain",
      "src/connectors/aws-identity-center/mappers/probe.ts",
      "../../../domain/model.js",
    ],
    ["the connector within itself", "src/connectors/aws-identity-center/setup/probe.ts", "../actions.js"],
    ["a surface down to the store", "src/http/routes/probe.ts", "../../store/store.js"],
    ["the HTTP API to the scheduler", "src/http/probe.ts", "../scheduler/scheduler.js"],
    ["the web to the API contract", "src/web/api/probe.ts", "../../http/api-contract.js"],
    ["the web to the API contract's parts", "src/web/probe.ts", "../http/contract/connections.js"],
    ["the `sandbox` command to the sandbox", "src/cli/sandbox-command.ts", "../sandbox/index.js"],
    ["a CLI command to the composition root", "src/cli/probe.ts", "../app.js"],
    ["the composition root to anything", "src/app.ts", "./sandbox/index.js"],
    [
      "a unit test to a shared test fixture",
      "src/domain/probe.test.ts",
      "../../test/fixtures/policy-actions.js",
    ],
    ["a package", "src/domain/probe.ts", "zod"],
  ])("passes %s", async (_what, file, specifier) => {
    expect(await layerErrors(file, imports(specifier))).toEqual([]);
  });

  it("rules every folder of src/, and src/ holds no other file than the composition root", () => {
    const entries = readdirSync(src, { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(Object.keys(LAYERS).sort());
    const files = entries.filter((e) => e.isFile() && !e.name.endsWith(".test.ts")).map((e) => e.name);
    expect(files.sort()).toEqual([...ROOT_FILES].sort());
    for (const file of Object.keys(LAYER_EXCEPTIONS))
      expect(readFileSync(path.join(root, file), "utf8")).not.toBe("");
  });
});

/** Every relative import in src/ (static, re-export, type-only and dynamic), as [from, to] files. */
function importEdges(): [string, string][] {
  const edges: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(e.name)) {
        const info = ts.preProcessFile(readFileSync(full, "utf8"), true, true);
        for (const ref of info.importedFiles) {
          if (ref.fileName.startsWith("."))
            edges.push([full, path.resolve(path.dirname(full), ref.fileName)]);
        }
      }
    }
  };
  walk(src);
  return edges;
}

/** The top-level folder of src/ a path lies in; undefined for the composition root or outside src/. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(src, file).split(path.sep);
  return parts.length > 1 && parts[0] !== ".." ? parts[0] : undefined;
}

describe("the import graph of src/", () => {
  const edges = importEdges();
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === undefined || b === undefined || a === b) continue;
    graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }

  it("was read (the scan sees the known edges)", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(graph.get("engine")?.has("connectors")).toBe(true);
    expect(graph.get("connectors")?.has("aws-calls")).toBe(true);
  });

  it("has no cycle between top-level folders", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, trail: string[]): void => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(" -> "));
        return;
      }
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it("has only the edges the layer table allows", () => {
    const illegal = [...graph].flatMap(([a, targets]) =>
      [...targets]
        .filter((b) => !(LAYERS[a] ?? []).some((allowed) => allowed === b || allowed.startsWith(`${b}/`)))
        .filter((b) => !(b === "sandbox" && a === "cli"))
        .map((b) => `${a} -> ${b}`),
    );
    expect(illegal).toEqual([]);
  });
});
