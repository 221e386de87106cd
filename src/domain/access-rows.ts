// The effective access rows of a snapshot: up to a million at 100,000 users. Held compactly (two
// 32-bit numbers a row, ids and paths shared) and turned into AccessGrant objects only a chunk of
// users at a time: a million objects with their arrays held some 70 MB more for a whole sync.
import type { AccessGrant, AccessPath } from "./model.js";
import { compareAccessGrants, compareStrings } from "./sort.js";

/** Read-only rows sorted by userId, accountId, permissionSetArn (like every snapshot array). */
export interface AccessRows extends Iterable<AccessGrant> {
  readonly length: number;
  /** The rows of these users (ids in any order; unknown ids have none), in the table's order. */
  forUsers(userIds: readonly string[]): AccessGrant[];
  /** Every row as an array (JSON.stringify uses it): for small tables and tests. */
  toJSON(): AccessGrant[];
}

/** Rows held as objects: for tests, fixtures and small states. Sorts a copy of `rows`. */
export function accessRowsOf(rows: readonly AccessGrant[]): AccessRows {
  const sorted = [...rows].sort(compareAccessGrants);
  return {
    length: sorted.length,
    [Symbol.iterator]: () => sorted[Symbol.iterator](),
    forUsers(userIds) {
      const wanted = new Set(userIds);
      return sorted.filter((r) => wanted.has(r.userId));
    },
    toJSON: () => [...sorted],
  };
}

/** One (account, permission set) that some row grants. */
export interface AccessTarget {
  accountId: string;
  permissionSetArn: string;
}

/**
 * Builds a CompactAccessRows user by user: `user` in ascending id order, then that user's rows
 * in ascending target order (targets sorted by account id, permission set ARN).
 */
export class CompactAccessRowsBuilder {
  readonly #userIds: string[] = [];
  readonly #offsets: number[] = [0];
  readonly #rowTarget: number[] = [];
  readonly #rowVia: number[] = [];

  constructor(
    private readonly targets: readonly AccessTarget[],
    private readonly vias: readonly (readonly AccessPath[])[],
  ) {}

  user(userId: string): void {
    this.#userIds.push(userId);
    this.#offsets.push(this.#rowTarget.length);
  }

  /** A row of the last user: indexes into the builder's targets and vias. */
  row(target: number, via: number): void {
    this.#rowTarget.push(target);
    this.#rowVia.push(via);
    this.#offsets[this.#offsets.length - 1] = this.#rowTarget.length;
  }

  build(): CompactAccessRows {
    return new CompactAccessRows(
      this.#userIds,
      Uint32Array.from(this.#offsets),
      Uint32Array.from(this.#rowTarget),
      Uint32Array.from(this.#rowVia),
      this.targets,
      this.vias,
    );
  }
}

export class CompactAccessRows implements AccessRows {
  readonly length: number;

  /** Users with rows, ascending; user i's rows are offsets[i] .. offsets[i + 1]. */
  constructor(
    private readonly userIds: readonly string[],
    private readonly offsets: Uint32Array,
    private readonly rowTarget: Uint32Array,
    private readonly rowVia: Uint32Array,
    private readonly targets: readonly AccessTarget[],
    private readonly vias: readonly (readonly AccessPath[])[],
  ) {
    this.length = rowTarget.length;
  }

  *[Symbol.iterator](): Iterator<AccessGrant> {
    for (let u = 0; u < this.userIds.length; u++) yield* this.#rowsOfRank(u);
  }

  forUsers(userIds: readonly string[]): AccessGrant[] {
    const ranks = userIds
      .map((id) => this.#rank(id))
      .filter((r): r is number => r !== undefined)
      .sort((a, b) => a - b);
    const out: AccessGrant[] = [];
    let previous = -1;
    for (const r of ranks) {
      if (r === previous) continue;
      previous = r;
      for (const row of this.#rowsOfRank(r)) out.push(row);
    }
    return out;
  }

  toJSON(): AccessGrant[] {
    return [...this];
  }

  #rank(userId: string): number | undefined {
    let lo = 0;
    let hi = this.userIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareStrings(this.userIds[mid] as string, userId);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  *#rowsOfRank(u: number): Generator<AccessGrant> {
    const userId = this.userIds[u] as string;
    const end = this.offsets[u + 1] as number;
    for (let i = this.offsets[u] as number; i < end; i++) {
      const t = this.targets[this.rowTarget[i] as number] as AccessTarget;
      yield {
        userId,
        accountId: t.accountId,
        permissionSetArn: t.permissionSetArn,
        via: this.vias[this.rowVia[i] as number] as readonly AccessPath[],
      };
    }
  }
}
