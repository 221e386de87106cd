import { describe, expect, it } from "vitest";
import { Rng } from "./rng.js";

describe("Rng", () => {
  it("repeats for the same seed and label, and differs across seeds and labels", () => {
    const draw = (seed: number, label: string) => {
      const r = new Rng(seed, label);
      return Array.from({ length: 5 }, () => r.u32());
    };
    expect(draw(1, "users")).toEqual(draw(1, "users"));
    expect(draw(1, "users")).not.toEqual(draw(2, "users"));
    expect(draw(1, "users")).not.toEqual(draw(1, "groups"));
  });

  it("draws in range and samples distinct sorted indices", () => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const n = r.range(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
    }
    const s = r.sample(50, 20);
    expect(s).toHaveLength(20);
    expect(new Set(s).size).toBe(20);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(r.sample(3, 10)).toEqual([0, 1, 2]);
  });

  it("makes lowercase v4-style UUIDs without repeats over many draws", () => {
    const r = new Rng(9);
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(r.uuid());
    expect(ids.size).toBe(100_000);
    for (const id of [...ids].slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
