import { describe, expect, it } from "vitest";
import type { AccessPath } from "../domain/model.js";
import { canonicalVia, viaJson } from "./rows.js";

describe("viaJson", () => {
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
    for (const via of cases) expect(viaJson(via)).toBe(JSON.stringify(canonicalVia(via)));
    expect(viaJson(cases[3]!)).toBe(
      '[{"type":"DIRECT"},{"type":"GROUP","groupId":"a"},{"type":"GROUP","groupId":"b"}]',
    );
  });
});
