// CloudTrail events of IAM Identity Center, parsed (pure): a sign-in (Authenticate from
// sso.amazonaws.com, UserAuthentication from signin.amazonaws.com) or a federation into an
// account with a permission set (Federate, whose serviceEventDetails name the account and the role,
// AWSReservedSSO_<PermissionSetName>_<suffix>). The event's own JSON (CloudTrailEvent) is a string
// from outside: anything that is not what these events look like is "malformed", not an error.
// Events that parse but do not count (a failed sign-in, another identity store's user, another
// event) are "ignored".
import type { ACTIVITY_EVENT_NAMES } from "../../../domain/activity.js";
import type { Event as CloudTrailEventSummary } from "@aws-sdk/client-cloudtrail";

/** The lookups the reader makes: one attribute each, as LookupEvents allows. */
export const ACTIVITY_EVENTS = [
  { name: "Authenticate", source: "sso.amazonaws.com" },
  { name: "UserAuthentication", source: "signin.amazonaws.com" },
  { name: "Federate", source: "sso.amazonaws.com" },
] as const satisfies readonly { name: (typeof ACTIVITY_EVENT_NAMES)[number]; source: string }[];

export type ParsedActivity =
  | {
      kind: "sign-in" | "federation";
      eventId: string;
      /** ISO time of the event (CloudTrail's eventTime). */
      at: string;
      userId: string;
      /** Federation only: the account opened and the permission set's name. */
      accountId?: string;
      permissionSetName?: string;
    }
  | { kind: "ignored"; eventId: string }
  | { kind: "malformed"; eventId: string | undefined; reason: string };

const ROLE_NAME = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;
const ACCOUNT_ID = /^\d{12}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** The identity store id at the end of an identityStoreArn ("arn:aws:identitystore::1:identitystore/d-1"). */
function storeIdOf(arn: string): string | undefined {
  const slash = arn.lastIndexOf("/");
  return slash < 0 ? undefined : arn.slice(slash + 1);
}

/**
 * The permission set name of a Federate event's role_name: AWSReservedSSO_<name>_<16 hex> as the
 * role is named in the member account, or the bare permission set name as the portal logs it.
 */
export function permissionSetNameOfRole(roleName: string): string {
  return ROLE_NAME.exec(roleName)?.[1] ?? roleName;
}

/** Parses one LookupEvents event for the identity store `identityStoreId`. Never throws. */
export function parseActivityEvent(event: CloudTrailEventSummary, identityStoreId: string): ParsedActivity {
  const eventId = str(event.EventId);
  const malformed = (reason: string): ParsedActivity => ({ kind: "malformed", eventId, reason });
  if (eventId === undefined) return malformed("no EventId");
  let body: unknown;
  try {
    body = JSON.parse(event.CloudTrailEvent ?? "");
  } catch {
    return malformed("CloudTrailEvent is not JSON");
  }
  if (!isObject(body)) return malformed("CloudTrailEvent is not a JSON object");
  const name = str(body.eventName);
  const source = str(body.eventSource);
  if (name === undefined || source === undefined) return malformed("eventName or eventSource is missing");
  const known = ACTIVITY_EVENTS.find((e) => e.name === name && e.source === source);
  if (known === undefined) return { kind: "ignored", eventId };
  // A failed sign-in is no sign-in.
  if (body.errorCode !== undefined && body.errorCode !== null) return { kind: "ignored", eventId };
  const time = str(body.eventTime);
  const ms = time === undefined ? Number.NaN : Date.parse(time);
  if (!Number.isFinite(ms)) return malformed("eventTime is missing or not a time");
  const identity = body.userIdentity;
  const onBehalfOf = isObject(identity) ? identity.onBehalfOf : undefined;
  if (!isObject(onBehalfOf)) return malformed("userIdentity.onBehalfOf is missing");
  const userId = str(onBehalfOf.userId);
  const storeArn = str(onBehalfOf.identityStoreArn);
  if (userId === undefined || storeArn === undefined)
    return malformed("onBehalfOf lacks userId or identityStoreArn");
  if (storeIdOf(storeArn) !== identityStoreId) return { kind: "ignored", eventId };
  const at = new Date(ms).toISOString();
  if (known.name !== "Federate") return { kind: "sign-in", eventId, at, userId };
  const details = body.serviceEventDetails;
  const accountId = isObject(details) ? str(details.account_id) : undefined;
  const roleName = isObject(details) ? str(details.role_name) : undefined;
  // A federation without its account and role still says the user was signed in.
  if (accountId === undefined || roleName === undefined || !ACCOUNT_ID.test(accountId))
    return { kind: "sign-in", eventId, at, userId };
  return {
    kind: "federation",
    eventId,
    at,
    userId,
    accountId,
    permissionSetName: permissionSetNameOfRole(roleName),
  };
}
