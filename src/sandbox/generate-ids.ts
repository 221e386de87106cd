// AWS-shaped identifiers for the sandbox. Formats follow the service models:
// UserId/GroupId/MembershipId = optional 10-hex prefix + "-" + lowercase UUID; identity store id
// d- + 10 hex; instance ARN .../instance/ssoins- + 16 hex; permission set ARN
// .../permissionSet/ssoins-<16>/ps-<16 hex>; account ids 12 digits; organization id o- + 10 alnum.
import type { Rng } from "./rng.js";

/**
 * Identity Store ids carry the store's 10-hex suffix as prefix (as AWS does for most stores);
 * `prefix` "" gives the bare-UUID form the model also allows.
 */
export function identityId(rng: Rng, prefix: string): string {
  return prefix === "" ? rng.uuid() : `${prefix}-${rng.uuid()}`;
}

/** The 10-hex suffix of a d-xxxxxxxxxx identity store id ("" for the UUID form). */
export function storePrefix(identityStoreId: string): string {
  return /^d-([0-9a-f]{10})$/.exec(identityStoreId)?.[1] ?? "";
}

export function newIdentityStoreId(rng: Rng): string {
  return `d-${rng.hex(10)}`;
}

export function newInstanceArn(rng: Rng, partition: string): string {
  return `arn:${partition}:sso:::instance/ssoins-${rng.hex(16)}`;
}

/** The `ssoins-...` part of an instance ARN, used inside its permission set ARNs. */
export function instanceIdOf(instanceArn: string): string {
  const id = /:instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/.exec(instanceArn)?.[1];
  if (id === undefined) throw new Error(`not an instance ARN: ${instanceArn}`);
  return id;
}

export function partitionOf(arn: string): string {
  return arn.split(":")[1] ?? "aws";
}

export function permissionSetArn(rng: Rng, instanceArn: string): string {
  return `arn:${partitionOf(instanceArn)}:sso:::permissionSet/${instanceIdOf(instanceArn)}/ps-${rng.hex(16)}`;
}

export function managedPolicyArn(partition: string, path: string): string {
  return `arn:${partition}:iam::aws:policy/${path}`;
}

/** 12 digits, leading zeros included: account ids are strings, not numbers. */
export function newAccountId(rng: Rng): string {
  return rng.digits(12);
}

export function newOrganizationId(rng: Rng): string {
  return `o-${rng.alnum(10)}`;
}

/** Draws ids until one is not in `taken`, then records it. */
export function uniqueId(taken: Set<string>, draw: () => string): string {
  for (;;) {
    const id = draw();
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

const EPOCH_BASE_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** A time `days` (fractional) after 2024-01-01T00:00:00Z, whole seconds, ISO form. */
export function isoAfterBase(days: number): string {
  return new Date(EPOCH_BASE_MS + Math.floor((days * DAY_MS) / 1000) * 1000).toISOString();
}

/** Creation and update times within the first year, update on or after creation. */
export function createdUpdated(rng: Rng): { created: string; updated: string } {
  const createdDays = rng.next() * 365;
  const updatedDays = rng.chance(0.4) ? createdDays : createdDays + rng.next() * 30;
  return { created: isoAfterBase(createdDays), updated: isoAfterBase(updatedDays) };
}
