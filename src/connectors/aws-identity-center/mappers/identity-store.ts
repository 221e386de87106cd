// Pure mappers from Identity Store SDK shapes to the domain model.
import type { Group as AwsGroup, GroupMembership, User as AwsUser } from "@aws-sdk/client-identitystore";
import type { ExternalId, Group, LiveUserStatus, Membership, User } from "../../../domain/model.js";

/** The Identity Store user shape, as ListUsers and DescribeUser return it. */
export type AwsUserLike = Pick<
  AwsUser,
  "UserId" | "UserName" | "DisplayName" | "Name" | "Emails" | "ExternalIds" | "UserStatus"
>;

/**
 * A response without `UserStatus` (older APIs, older SDKs) counts as ENABLED. A value we do not
 * know counts as DISABLED: showing an unknown state as active would overstate access.
 */
export function mapUserStatus(status: string | undefined): LiveUserStatus {
  if (status === undefined || status === "ENABLED") return "ENABLED";
  return "DISABLED";
}

/**
 * Email values, the primary one first, then in AWS's order. The primary email is the one flagged
 * `Primary`, or else the first one (AWS allows a single email per user, often sent unflagged by
 * SCIM clients).
 */
export function mapEmails(emails: AwsUser["Emails"]): { emails: string[]; primaryEmail: string | null } {
  const withValue = (emails ?? []).filter(
    (e): e is typeof e & { Value: string } => typeof e.Value === "string",
  );
  const primary = withValue.find((e) => e.Primary === true) ?? withValue[0];
  const ordered = primary === undefined ? withValue : [primary, ...withValue.filter((e) => e !== primary)];
  return { emails: ordered.map((e) => e.Value), primaryEmail: primary?.Value ?? null };
}

export function mapExternalIds(ids: AwsUser["ExternalIds"]): ExternalId[] {
  return (ids ?? []).flatMap((x) =>
    x.Issuer === undefined || x.Id === undefined ? [] : [{ issuer: x.Issuer, id: x.Id }],
  );
}

export function mapUser(user: AwsUserLike): User {
  if (user.UserId === undefined) throw new TypeError("Identity Store returned a user without UserId");
  const { emails, primaryEmail } = mapEmails(user.Emails);
  return {
    userId: user.UserId,
    userName: user.UserName ?? "",
    displayName: user.DisplayName ?? null,
    givenName: user.Name?.GivenName ?? null,
    familyName: user.Name?.FamilyName ?? null,
    emails,
    primaryEmail,
    externalIds: mapExternalIds(user.ExternalIds),
    status: mapUserStatus(user.UserStatus),
  };
}

export function mapGroup(group: Pick<AwsGroup, "GroupId" | "DisplayName" | "Description">): Group {
  if (group.GroupId === undefined) throw new TypeError("Identity Store returned a group without GroupId");
  return {
    groupId: group.GroupId,
    displayName: group.DisplayName ?? null,
    description: group.Description ?? null,
  };
}

/**
 * A membership of a user in a group. Member kinds other than a user (the API's MemberId is an open
 * union) map to null: they grant no user anything we could name.
 */
export function mapMembership(
  membership: Pick<GroupMembership, "GroupId" | "MemberId">,
  groupId: string,
): Membership | null {
  const member = membership.MemberId;
  const userId = member !== undefined && "UserId" in member ? member.UserId : undefined;
  if (typeof userId !== "string") return null;
  // The requested group's id string when AWS repeats it: one string per group, not per membership.
  const listed = membership.GroupId;
  return { groupId: listed === undefined || listed === groupId ? groupId : listed, userId };
}
