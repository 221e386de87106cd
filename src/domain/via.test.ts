import { describe, expect, it } from "vitest";
import type { AccessPath } from "./model.js";
import { canonicalVia, decodeVia, encodeVia, sharedVia } from "./via.js";

describe("encodeVia", () => {
  const cases: AccessPath[][] = [
    [],
    [{ type: "DIRECT" }],
    [{ type: "DIRECT" }, { type: "GROUP", groupId: "a" }, { type: "GROUP", groupId: "b" }],
    [{ type: "GROUP", groupId: "b" }, { type: "DIRECT" }, { type: "GROUP", groupId: "a" }],
    [
      { type: "GROUP", groupId: "a" },
      { type: "GROUP", groupId: "a" },
    ],
    [{ type: "GROUP", groupId: 'q"uote' }],
  ];
  it("is the JSON of the canonical order (DIRECT first, groups by id, no duplicates)", () => {
    for (const via of cases) expect(encodeVia(via)).toBe(JSON.stringify(canonicalVia(via)));
    expect(encodeVia(cases[3]!)).toBe(
      '[{"type":"DIRECT"},{"type":"GROUP","groupId":"a"},{"type":"GROUP","groupId":"b"}]',
    );
  });

  it("encodes a shared list like any other, and shared lists cannot change under their encoding", () => {
    for (const via of cases) {
      const s = sharedVia(via);
      expect(encodeVia(s)).toBe(encodeVia(via));
      expect(Object.isFrozen(s)).toBe(true);
      expect(decodeVia(encodeVia(s))).toEqual(canonicalVia(via));
    }
    expect(decodeVia(null)).toEqual([]);
  });
});
