// CloudTrail LookupEvents (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents),
// as AWS answers it: management events of the last 90 days, newest first, at most 50 a page
// (default 50), at most one lookup attribute, StartTime/EndTime inclusive, NextToken paging.
import { z } from "zod";
import { ACTIVITY_DAYS, EVENT_KINDS, VARIANT, type ActivityLog, type SbEvent } from "../activity.js";
import { AwsError } from "../protocol/errors.js";
import { parseInput } from "../protocol/validate.js";
import type { OpTable } from "./context.js";

const S = "cloudtrail";
const MAX_PAGE = 50;
const ATTRIBUTE_KEYS = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;

const lookupInput = z.object({
  LookupAttributes: z
    .array(
      z.object({
        AttributeKey: z.enum(ATTRIBUTE_KEYS),
        AttributeValue: z.string().min(1).max(2000),
      }),
    )
    .optional(),
  StartTime: z.number().optional(),
  EndTime: z.number().optional(),
  EventCategory: z.enum(["insight"]).optional(),
  MaxResults: z.number().int().optional(),
  NextToken: z.string().max(4096).optional(),
});

const invalid = (code: string, message: string) => new AwsError(code, 400, message, "invalid");

/** The CloudTrailEvent JSON of one event (broken on purpose for malformed ones). */
export function renderEvent(log: ActivityLog, e: SbEvent, region: string, accountId: string): string {
  const k = EVENT_KINDS[e.kind] ?? EVENT_KINDS[0];
  const failed = e.variant === VARIANT.failed;
  const onBehalfOf = {
    userId: e.userId,
    identityStoreArn: log.identityStoreArn(e.variant === VARIANT.foreign),
  };
  const body: Record<string, unknown> = {
    eventVersion: "1.08",
    userIdentity: {
      type: "Unknown",
      principalId: `${accountId}:${e.userId}`,
      accountId,
      userName: e.userName,
      onBehalfOf,
      credentialId: log.eventId(e.index, 3).replaceAll("-", ""),
    },
    eventTime: new Date(e.time * 1000).toISOString().replace(".000Z", "Z"),
    eventSource: k.source,
    eventName: k.name,
    awsRegion: region,
    sourceIPAddress: `203.0.113.${log.hash(e.index, 5) % 250}`,
    userAgent:
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    requestParameters: null,
    responseElements: null,
    requestID: log.eventId(e.index, 1),
    eventID: log.eventId(e.index),
    readOnly: false,
    eventType: "AwsServiceEvent",
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: "Management",
  };
  if (k.name === "Federate") {
    const suffix = (log.hash(e.index, 7) >>> 0).toString(16).padStart(8, "0");
    body.serviceEventDetails = {
      role_name: `AWSReservedSSO_${e.permissionSetName ?? ""}_${suffix}${suffix}`,
      account_id: e.accountId,
    };
  } else {
    body.serviceEventDetails = { CredentialVerification: failed ? "Failure" : "Success" };
    body.additionalEventData = { CredentialType: "PASSWORD", LoginTo: "https://portal.sso.amazonaws.com" };
  }
  if (failed) {
    body.errorCode = "AuthenticationFailure";
    body.errorMessage = "Authentication failed";
  }
  if (e.variant !== VARIANT.malformed) return JSON.stringify(body);
  // Four ways an event's JSON goes wrong, picked by the event.
  switch (log.hash(e.index, 9) % 4) {
    case 0:
      return JSON.stringify(body).slice(0, 120);
    case 1:
      return "[]";
    case 2:
      delete (body.userIdentity as Record<string, unknown>).onBehalfOf;
      return JSON.stringify(body);
    default:
      body.eventTime = "yesterday";
      return JSON.stringify(body);
  }
}

export const cloudTrailOps: OpTable = {
  LookupEvents(ctx, raw) {
    const input = parseInput(S, lookupInput, raw);
    const attrs = input.LookupAttributes ?? [];
    if (attrs.length > 1)
      throw invalid("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
    const max = input.MaxResults ?? MAX_PAGE;
    if (max < 1 || max > MAX_PAGE)
      throw invalid("InvalidMaxResultsException", `MaxResults must be between 1 and ${MAX_PAGE}.`);
    if (input.StartTime !== undefined && input.EndTime !== undefined && input.StartTime > input.EndTime)
      throw invalid("InvalidTimeRangeException", "Start time must be before end time.");
    const log = ctx.activity;
    if (input.EventCategory === "insight") return { Events: [] };
    const nowSec = ctx.now() / 1000;
    const lower = Math.max(Math.ceil(input.StartTime ?? 0), Math.ceil(nowSec - ACTIVITY_DAYS * 86_400));
    const upper = Math.min(Math.floor(input.EndTime ?? Number.MAX_SAFE_INTEGER), Math.floor(nowSec));
    const attr = attrs[0];
    const list = log.select(attr?.AttributeKey, attr?.AttributeValue);
    const length = list === undefined ? log.size : list.length;
    const at = (p: number) => (list === undefined ? p : (list[p] ?? 0));
    const key = JSON.stringify([attr?.AttributeKey, attr?.AttributeValue, input.StartTime, input.EndTime]);
    let p: number;
    let page = 0;
    if (input.NextToken !== undefined && input.NextToken !== "") {
      const state = ctx.pager.decode(S, "LookupEvents", key, input.NextToken);
      p = state.offset;
      page = state.page;
    } else {
      // The newest event at or before `upper` (binary search: times ascend with positions).
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (log.timeOf(at(mid)) <= upper) lo = mid + 1;
        else hi = mid;
      }
      p = lo - 1;
    }
    const region = ctx.world.region;
    const accountId = ctx.world.instance.OwnerAccountId;
    const events: object[] = [];
    for (; p >= 0 && events.length < max; p--) {
      const i = at(p);
      if (log.timeOf(i) < lower) {
        p = -1;
        break;
      }
      const e = log.event(i);
      const k = EVENT_KINDS[e.kind] ?? EVENT_KINDS[0];
      events.push({
        EventId: log.eventId(i),
        EventName: k.name,
        ReadOnly: "false",
        EventTime: e.time,
        EventSource: k.source,
        Username: e.userName,
        Resources: [],
        CloudTrailEvent: renderEvent(log, e, region, accountId),
      });
    }
    const more = p >= 0 && log.timeOf(at(p)) >= lower;
    return {
      Events: events,
      ...(more ? { NextToken: ctx.pager.encode("LookupEvents", key, { offset: p, page: page + 1 }) } : {}),
    };
  },
};
