import { describe, expect, it } from "vitest";
import { foldText } from "./fold.js";

describe("foldText", () => {
  it("folds case and accents so names compare as readers expect", () => {
    expect(foldText("Zoë Ødegaard")).toBe("zoe odegaard");
    expect(foldText("Seán O'Brien")).toBe("sean o'brien");
    expect(foldText("İlker Işık")).toBe("ilker isik");
    expect(foldText("Nguyễn Văn An")).toBe("nguyen van an");
    expect(foldText("Straße")).toBe("strasse");
    expect(foldText("山田 太郎")).toBe("山田 太郎");
  });

  it("orders 'aerin' before 'Zoë' by plain code-unit comparison of the folded keys", () => {
    const names = ["Zoë", "aerin", "Zed", "Émile", "bob"];
    const sorted = [...names].sort((a, b) => {
      const x = foldText(a);
      const y = foldText(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    expect(sorted).toEqual(["aerin", "bob", "Émile", "Zed", "Zoë"]);
  });
});
