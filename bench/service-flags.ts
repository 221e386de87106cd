// The V8 flags the service runs with, read from the installed command's first line (bin/idc-sync.js,
// `#!/usr/bin/env -S node --flag ...`): the benchmark's sync process takes the same, so that its
// memory figures are the service's. `npm start` passes the same flags (test/integration/service-flags.test.ts).
import { readFileSync } from "node:fs";

export function serviceNodeFlags(): string[] {
  const bin = new URL("../bin/idc-sync.js", import.meta.url);
  // Compiled, this module sits in .bench-build/bench/: the command is two folders up.
  const path = import.meta.url.includes("/.bench-build/")
    ? new URL("../../bin/idc-sync.js", import.meta.url)
    : bin;
  const first = readFileSync(path, "utf8").split("\n", 1)[0] ?? "";
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
