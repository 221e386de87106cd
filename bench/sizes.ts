// The organizations the benchmark syncs. L is the large customer: 100,000 users, 10,000
// groups, 500 accounts, 300 permission sets, ~10,000 provisioned pairs, ~1,000,000 access rows.
import type { GenerateOptions } from "../src/sandbox/index.js";

export type SizeName = "S" | "M" | "L";

export interface BenchSize {
  name: SizeName;
  generate: GenerateOptions;
  /** Whether the naive baseline runs on this size by default (it is far too slow for L). */
  naive: boolean;
}

// How much faster than the naive baseline a read can be depends on the share of permission sets
// provisioned to an account: the naive read asks every (account, permission set) pair, ours only
// the provisioned ones, and both read each permission set's details (6 calls). S provisions 1 in 8
// (M 1 in 5, L 1 in 15); until 2026-11-30 S had 20 accounts x 20 permission sets with 8 of them
// provisioned to each (2 in 5), where the SSO Admin quota caps any read at 2.4x the naive one.
export const SIZES: Readonly<Record<SizeName, BenchSize>> = {
  S: {
    name: "S",
    naive: true,
    generate: {
      seed: 1,
      users: 1_000,
      groups: 100,
      accounts: 40,
      permissionSets: 40,
      provisionedPerAccount: 5,
      assignmentsPerPair: 4,
      groupsPerUser: 4,
    },
  },
  M: {
    name: "M",
    naive: true,
    generate: {
      seed: 1,
      users: 20_000,
      groups: 2_000,
      accounts: 100,
      permissionSets: 60,
      provisionedPerAccount: 12,
      assignmentsPerPair: 4,
      groupsPerUser: 4,
    },
  },
  L: {
    name: "L",
    naive: false,
    generate: {
      seed: 1,
      users: 100_000,
      groups: 10_000,
      accounts: 500,
      permissionSets: 300,
      provisionedPerAccount: 20,
      assignmentsPerPair: 4,
      groupsPerUser: 4,
    },
  },
};

/** "S,M" -> the sizes, in the given order; throws naming a bad one. */
export function parseSizes(list: string): BenchSize[] {
  return list
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== "")
    .map((s) => {
      if (s !== "S" && s !== "M" && s !== "L") {
        throw new Error(`--sizes: unknown size '${s}'; use S, M and/or L, e.g. --sizes S,M`);
      }
      return SIZES[s];
    });
}
