// The sandbox's public surface, for tests, the CLI, the demo and benchmarks. Nothing else under
// src/sandbox/ is meant to be imported from outside it.
export { startSandbox } from "./server.js";
export type { Sandbox, SandboxOptions, ConnectValues } from "./server.js";
export { DEFAULT_EXTERNAL_ID, PLATFORM_ACCOUNT_ID } from "./auth.js";
export type { TrustOptions, Trust } from "./auth.js";
export { DEFAULT_RATE_LIMITS, parseFaultsInput } from "./faults.js";
export type { Faults, FaultsInput, RateLimits } from "./faults.js";
export type { Counters, CountersSnapshot, ActionCounts, AssumeRoleCall, Outcome } from "./counters.js";
export { generateWorld, resolveGenerateOptions } from "./generate.js";
export type { GenerateOptions } from "./generate.js";
export { loadFixture, parseFixture, SandboxFixtureError } from "./fixture.js";
export { applyMutations, SandboxMutationError } from "./mutate.js";
export type { Mutation, MutationResult } from "./mutate.js";
/** Direct mutations (addUser, setUserStatus, addAssignment, ...): each bumps world.revision. */
export * as mutate from "./mutate.js";
export { expectedAccess, orphanedAssignments, planCallCounts, DEFAULT_PAGE_SIZES } from "./truth.js";
export type { ExpectedAccessRow, AccessPath, PlanPageSizes, PlanCallOptions } from "./truth.js";
export type * from "./model.js";
export { ActivityLog, ACTIVITY_DAYS } from "./activity.js";
export type { ActivityOptions, ActivityTruth, EventKindName } from "./activity.js";
