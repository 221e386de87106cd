// Lint: typescript-eslint's type-aware recommended rules; floating promises are errors.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// Layers (README "Layout"): arrows point down only. Surfaces (cli, http, web, scheduler) -> engine
// -> connector | store -> domain; the connector calls AWS through aws-calls (request budget,
// retries, concurrency). The sandbox stands alone. Each folder of src/ may import its own files and
// the folders listed for it, nothing else of src/; a needed upward arrow means a port is missing.
// The composition root (src/main.ts, app.ts, demo.ts, config.ts) wires and may import anything;
// CLI commands get what they need from it. test/layers.test.ts proves the rule fails on purpose.
export const LAYERS = {
  cli: [
    "app.js",
    "config.js",
    "demo.js",
    "sync-wiring.js",
    "scheduler",
    "notify",
    "engine",
    "connectors",
    "store",
    "aws-calls",
    "domain",
  ],
  http: ["scheduler", "notify", "engine", "connectors", "store", "aws-calls", "domain"],
  // The browser app talks only to the API: it shares the API contract and the domain's pure types.
  web: ["http/api-contract.js", "http/contract", "domain"],
  scheduler: ["notify", "engine", "connectors", "store", "aws-calls", "domain"],
  // The engine reaches storage only through its own port (engine/sync-store.ts).
  engine: ["connectors", "aws-calls", "domain"],
  connectors: ["aws-calls", "domain"],
  store: ["domain"],
  // The notification deliverer reaches storage only through its own port (notify/delivery-store.ts).
  notify: ["domain"],
  "aws-calls": [],
  domain: [],
  // An independent ground truth: it shares no code with the connector, the engine or the store.
  sandbox: [],
};
/** Single files allowed one more folder than their layer: the `sandbox` command starts the sandbox. */
export const LAYER_EXCEPTIONS = { "src/cli/sandbox-command.ts": ["sandbox"] };

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A specifier from `depth` folders below src/ that climbs exactly to src/ and names none of `allowed`. */
function outsideOf(depth, own, allowed) {
  const names = [own, ...allowed].map((a) => `${escape(a)}${a.endsWith(".js") ? "$" : "(?:/|$)"}`);
  return `^(?:\\.\\./){${depth}}(?!${names.join("|")}|\\.\\./|\\./)`;
}
function layerRule(layer, allowed, depth) {
  const may = allowed.length === 0 ? "nothing else of src/" : allowed.join(", ");
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: outsideOf(depth, layer, allowed),
            caseSensitive: true,
            message: `Layer rule: src/${layer} may import only its own files and ${may} (see README "Layout").`,
          },
        ],
      },
    ],
  };
}
const MAX_DEPTH = 6;
const layerConfigs = [
  ...Object.entries(LAYERS).flatMap(([layer, allowed]) =>
    Array.from({ length: MAX_DEPTH }, (_, i) => ({
      files: [`src/${layer}/${"*/".repeat(i)}*.{ts,tsx}`],
      rules: layerRule(layer, allowed, i + 1),
    })),
  ),
  ...Object.entries(LAYER_EXCEPTIONS).map(([file, extra]) => {
    const layer = file.split("/")[1];
    return {
      files: [file],
      rules: layerRule(layer, [...LAYERS[layer], ...extra], file.split("/").length - 2),
    };
  }),
  {
    // Lazy loading is the composition root's business; elsewhere it would slip past the layer rule.
    files: ["src/*/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression",
          message: "Layer rule: dynamic import() only in the composition root (src/*.ts).",
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/",
      ".bench-build/",
      "node_modules/",
      "coverage/",
      "data/",
      "test-results/",
      "src/web/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layerConfigs,
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
