import { describe, expect, it } from "vitest";
import { cut, fitTable, MAX_CELL } from "./fit-table.js";

const long = `Dr. ${"Very ".repeat(240)}Long Name`;
const rows = [
  ["USER NAME", "DISPLAY NAME", "EMAIL", "STATUS"],
  ["zoe", long, "zoe@example.com", "ENABLED"],
  ["aerin", "Aerin", "aerin@example.com", "DISABLED"],
];
const shrink = [true, true, true, false];

describe("fitTable", () => {
  it("cuts the widest shrinkable column so each line fits the terminal", () => {
    const text = fitTable(rows, shrink, { columns: 80, wide: false });
    const lines = text.trimEnd().split("\n");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toContain("Dr. Very");
    expect(lines[1]).toContain("…");
    expect(lines[1]).toContain("zoe@example.com");
    expect(lines[2]).toMatch(/DISABLED$/);
  });

  it("prints every cell whole with --wide", () => {
    const text = fitTable(rows, shrink, { columns: 80, wide: true });
    expect(text).toContain(long);
  });

  it("caps a cell at MAX_CELL characters when there is no terminal", () => {
    const lines = fitTable(rows, shrink, { columns: undefined, wide: false }).split("\n");
    expect(lines[1]).toContain(cut(long, MAX_CELL));
    expect(lines[1]?.length).toBeLessThan(MAX_CELL + 60);
  });

  it("never cuts a column below its header, nor a fixed column", () => {
    const lines = fitTable(rows, shrink, { columns: 20, wide: false }).split("\n");
    expect(lines[0]).toContain("USER NAME");
    expect(lines[0]).toContain("DISPLAY NAME");
    expect(lines[2]).toContain("DISABLED");
  });

  it("cuts by characters, not UTF-16 units", () => {
    expect(cut("Zoë Ångström-Łukasz", 6)).toBe("Zoë Å…");
    expect(cut("short", 10)).toBe("short");
  });
});
