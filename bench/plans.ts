// Call plans and the quota floor. The floor of a set of calls is the time AWS's quotas need to
// serve them: for each quota bucket (Identity Store: one per API; sso-admin: one for all its APIs;
// Organizations and STS one each) its calls divided by its rate; the largest of these.
import { quotaBucketOf } from "../src/connectors/aws-identity-center/actions.js";
import { DEFAULT_RATE_LIMITS, type SbWorld } from "../src/sandbox/index.js";
import { planCallCounts } from "../src/sandbox/truth.js";

export type Calls = Record<string, number>;

/** Page size of ListAccountAssignmentsForPrincipal as the connector sends it (AWS's maximum). */
const FOR_PRINCIPAL_PAGE = 100;

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

/** The per-account plan (design.md section 6), as the sandbox's ground truth counts it. */
export function perAccountPlan(world: SbWorld): Calls {
  return planCallCounts(world);
}

/**
 * The per-principal plan: the same reads, except that assignments come from
 * ListAccountAssignmentsForPrincipal for every user and every group instead of per account.
 */
export function perPrincipalPlan(world: SbWorld): Calls {
  const {
    "sso:ListPermissionSetsProvisionedToAccount": _provisioned,
    "sso:ListAccountAssignments": _assignments,
    ...rest
  } = planCallCounts(world);
  const perPrincipal = new Map<string, number>();
  for (const a of world.assignments) {
    const key = `${a.PrincipalType}|${a.PrincipalId}`;
    perPrincipal.set(key, (perPrincipal.get(key) ?? 0) + 1);
  }
  let calls = 0;
  for (const u of world.users) calls += pages(perPrincipal.get(`USER|${u.UserId}`) ?? 0, FOR_PRINCIPAL_PAGE);
  for (const g of world.groups)
    calls += pages(perPrincipal.get(`GROUP|${g.GroupId}`) ?? 0, FOR_PRINCIPAL_PAGE);
  return { ...rest, "sso:ListAccountAssignmentsForPrincipal": calls };
}

/** AWS's rate of a quota bucket, requests per second, as the sandbox enforces it. */
export function bucketRate(bucket: string): number {
  if (bucket.startsWith("identitystore:")) return DEFAULT_RATE_LIMITS.identitystorePerApi;
  if (bucket === "sso") return DEFAULT_RATE_LIMITS.ssoAdmin;
  if (bucket === "organizations") return DEFAULT_RATE_LIMITS.organizations;
  if (bucket === "sts") return DEFAULT_RATE_LIMITS.sts;
  throw new Error(`no quota known for bucket '${bucket}'`);
}

/** Calls summed per quota bucket, buckets in name order. */
export function byBucket(calls: Calls): Calls {
  const out: Calls = {};
  for (const [action, n] of Object.entries(calls)) {
    const bucket = quotaBucketOf(action);
    out[bucket] = (out[bucket] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface Floor {
  seconds: number;
  /** The bucket that sets it. */
  bucket: string;
}

export function floorOf(calls: Calls): Floor {
  let floor: Floor = { seconds: 0, bucket: "-" };
  for (const [bucket, n] of Object.entries(byBucket(calls))) {
    const seconds = n / bucketRate(bucket);
    if (seconds > floor.seconds) floor = { seconds, bucket };
  }
  return floor;
}

/** All AWS read calls; STS's AssumeRole is the session, not the read, and is left out. */
export function readCalls(calls: Calls): number {
  return Object.entries(calls).reduce((n, [action, c]) => (action.startsWith("sts:") ? n : n + c), 0);
}

export interface CheapestPlan {
  name: "per-account" | "per-principal";
  calls: Calls;
  total: number;
  floor: Floor;
}

/** Both plans over the world, the one with fewer read calls first. */
export function plansOf(world: SbWorld): CheapestPlan[] {
  const plans: CheapestPlan[] = [
    { name: "per-account", calls: perAccountPlan(world) },
    { name: "per-principal", calls: perPrincipalPlan(world) },
  ].map((p) => ({
    ...p,
    name: p.name as CheapestPlan["name"],
    total: readCalls(p.calls),
    floor: floorOf(p.calls),
  }));
  return plans.sort((a, b) => a.total - b.total);
}
