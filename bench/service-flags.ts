// The V8 flags the service runs with, read from the installed command's first line (bin/idc-sync.js,
// `#!/usr/bin/env -S node --flag ...`): the benchmark's sync process takes the same, so that its
// memory figures are the service's. `npm start` passes the same flags (test/integration/service-flags.test.ts).
import { readFileSync } from "node:fs";

export function serviceNodeFlags(): string[] {
  // Compiled, this module sits in .bench-build/bench/: the command is two folders up.
  const up = import.meta.url.includes("/.bench-build/") ? "../../" : "../";
  const first =
    readFileSync(new URL(`${up}bin/idc-sync.js`, import.meta.url), "utf8").split("\n", 1)[0] ?? "";
  return first.split(/\s+/).filter((word) => word.startsWith("--"));
}

/** The `--max-old-space-size` the service runs with, MB. */
export function serviceHeapMb(flags = serviceNodeFlags()): number {
  const flag = flags.find((f) => f.startsWith("--max-old-space-size="));
  const mb = Number(flag?.split("=")[1]);
  if (!Number.isInteger(mb) || mb <= 0)
    throw new Error("bin/idc-sync.js: no --max-old-space-size=N on its first line");
  return mb;
}
