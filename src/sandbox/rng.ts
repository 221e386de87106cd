// A small seeded PRNG (sfc32, 128-bit state) so generated organizations are reproducible.
// 128 bits of state matter: identifiers are drawn from it, and a 32-bit generator would repeat
// UUIDs after ~2^16 draws (birthday bound), which 100,000 users exceed.

/** 32-bit FNV-1a of a string: turns fork labels into seed material. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: spreads a 32-bit seed over the sfc32 state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = "0123456789abcdef";
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** 8 lowercase hex digits of a uint32. */
function hex8(x: number): string {
  return (
    (BYTE_HEX[x >>> 24] ?? "") +
    (BYTE_HEX[(x >>> 16) & 255] ?? "") +
    (BYTE_HEX[(x >>> 8) & 255] ?? "") +
    (BYTE_HEX[x & 255] ?? "")
  );
}
const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is any safe integer (or a string); `label` derives independent streams from one seed. */
  constructor(seed: number | string, label = "") {
    const text = typeof seed === "number" ? `${Math.trunc(seed)}` : seed;
    const mix = splitmix32(fnv1a(`${text}\u0000${label}`) ^ fnv1a(`${label}\u0001${text}`));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for one part of the world, so sizes of one part do not reshuffle another. */
  fork(label: string): Rng {
    return new Rng(`${this.u32()}:${this.u32()}`, label);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("Rng.pick on an empty list");
    return item;
  }

  /** A count with the given mean: uniform on [0, 2*mean], so some draws are 0. */
  around(mean: number): number {
    return mean <= 0 ? 0 : this.int(Math.floor(2 * mean) + 1);
  }

  /** `k` distinct integers from [0, n), ascending (Floyd's sampling: O(k)). */
  sample(n: number, k: number): number[] {
    const take = Math.min(k, n);
    const chosen = new Set<number>();
    for (let j = n - take; j < n; j++) {
      const t = this.int(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen].sort((x, y) => x - y);
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += hex8(this.u32());
    return out.slice(0, length);
  }

  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String(this.int(10));
    return out;
  }

  alnum(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += ALNUM[this.int(36)];
    return out;
  }

  /** A lowercase version-4 style UUID (hot path: 400,000 memberships take one each). */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    const bh = hex8(b);
    const ch = hex8(c);
    const variant = HEX[8 + (c >>> 30)] ?? "8";
    return `${hex8(a)}-${bh.slice(0, 4)}-4${bh.slice(5, 8)}-${variant}${ch.slice(1, 4)}-${ch.slice(4, 8)}${hex8(d)}`;
  }
}
