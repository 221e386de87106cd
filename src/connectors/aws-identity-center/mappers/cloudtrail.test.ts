import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandOutput,
} from "@aws-sdk/client-cloudtrail";
import { describe, expect, it } from "vitest";
import { replay } from "../../../../test/fixtures/recorded/replay.js";
import { parseActivityEvent, permissionSetNameOfRole } from "./cloudtrail.js";

const STORE = "d-9067c8d2a1";
const U = "9067c8d2a1-4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const U2 = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
const id = (n: string) => `e0000001-0000-4000-8000-00000000000${n}`;

describe("CloudTrail activity parser on a recorded LookupEvents page", () => {
  it("reads sign-ins and federations, ignores what does not count, and flags malformed events", async () => {
    const page = await replay<LookupEventsCommandOutput>(
      CloudTrailClient,
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "sso.amazonaws.com" }],
      }),
      "cloudtrail-lookup-events",
    );
    expect(page.Events).toHaveLength(12);
    const parsed = (page.Events ?? []).map((e) => parseActivityEvent(e, STORE));
    expect(parsed).toEqual([
      {
        kind: "federation",
        eventId: id("1"),
        at: "2026-11-30T09:15:02.000Z",
        userId: U,
        accountId: "210987654321",
        // The role's name has underscores of its own: only the last _<16 hex> is the suffix.
        permissionSetName: "Admin_Access",
      },
      {
        kind: "federation",
        eventId: id("2"),
        at: "2026-11-30T09:10:00.000Z",
        userId: U,
        accountId: "210987654321",
        permissionSetName: "ReadOnly",
      },
      { kind: "sign-in", eventId: id("3"), at: "2026-11-30T09:05:00.000Z", userId: U },
      { kind: "sign-in", eventId: id("4"), at: "2026-11-29T17:00:00.000Z", userId: U2 },
      // A failed sign-in, and another identity store's user.
      { kind: "ignored", eventId: id("5") },
      { kind: "ignored", eventId: id("6") },
      { kind: "malformed", eventId: id("7"), reason: "CloudTrailEvent is not JSON" },
      { kind: "malformed", eventId: id("8"), reason: "CloudTrailEvent is not a JSON object" },
      { kind: "malformed", eventId: id("9"), reason: "userIdentity.onBehalfOf is missing" },
      {
        kind: "malformed",
        eventId: "e0000001-0000-4000-8000-00000000000a",
        reason: "eventTime is missing or not a time",
      },
      // An IAM console sign-in is not Identity Center's.
      { kind: "ignored", eventId: "e0000001-0000-4000-8000-00000000000b" },
      // A Federate without its details still proves a signed-in user.
      {
        kind: "sign-in",
        eventId: "e0000001-0000-4000-8000-00000000000c",
        at: "2026-11-28T07:00:00.000Z",
        userId: U,
      },
    ]);
  });

  it("never throws on junk", () => {
    for (const CloudTrailEvent of [undefined, "", "null", "42", '"x"', "{", '{"userIdentity":7}'])
      expect(parseActivityEvent({ EventId: "e", CloudTrailEvent }, STORE).kind).toBe("malformed");
    expect(parseActivityEvent({ CloudTrailEvent: "{}" }, STORE)).toEqual({
      kind: "malformed",
      eventId: undefined,
      reason: "no EventId",
    });
  });

  it("takes the permission set name out of an AWSReservedSSO role name", () => {
    expect(permissionSetNameOfRole("AWSReservedSSO_ReadOnly_0123456789abcdef")).toBe("ReadOnly");
    expect(permissionSetNameOfRole("AWSReservedSSO_a_b_c_0123456789abcdef")).toBe("a_b_c");
    expect(permissionSetNameOfRole("PowerUser")).toBe("PowerUser");
  });
});
