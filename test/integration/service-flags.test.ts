// The service's V8 flags live on bin/idc-sync.js's first line; `npm start` must pass the same ones
// (the benchmark measures with that line's flags, see bench/service-flags.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);

describe("the service's V8 flags", () => {
  it("npm start passes exactly the flags of the installed command's first line", () => {
    const shebang = readFileSync(new URL("bin/idc-sync.js", root), "utf8").split("\n", 1)[0] ?? "";
    const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
      scripts: { start: string };
    };
    const flags = (line: string) => line.split(/\s+/).filter((w) => w.startsWith("--"));
    expect(shebang.startsWith("#!/usr/bin/env -S node ")).toBe(true);
    expect(flags(shebang)).toContain("--max-old-space-size=1024");
    expect(flags(shebang)).toContain("--max-semi-space-size=16");
    expect(flags(pkg.scripts.start)).toEqual(flags(shebang));
  });
});
