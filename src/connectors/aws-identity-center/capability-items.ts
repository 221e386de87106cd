// What the integration syncs, item by item: the rows of the Integration Capabilities table. The
// IAM action table (actions.ts) says which items each action feeds.

export const CAPABILITY_ITEMS = [
  { key: "userName", name: "Username", description: "Each user's user name in the Identity Store" },
  {
    key: "status",
    name: "Status",
    description: "ENABLED or DISABLED as AWS reports it; DELETED once a user is gone",
  },
  { key: "name", name: "Name", description: "Display name, given name and family name" },
  { key: "email", name: "Email", description: "Email addresses, with the primary one" },
  {
    key: "licenseType",
    name: "License type",
    description: 'Every Identity Center user holds the license type "AWS Identity Center"',
  },
  { key: "groups", name: "Groups", description: "Groups with their names and descriptions" },
  { key: "memberships", name: "Group memberships", description: "Which users are in which group" },
  {
    key: "permissionSets",
    name: "Permission sets",
    description: "Name, description, session duration, managed, customer managed and inline policies",
  },
  { key: "permissionSetTags", name: "Permission set tags", description: "The tags of each permission set" },
  {
    key: "permissionsBoundaries",
    name: "Permissions boundaries",
    description: "The permissions boundary of each permission set",
  },
  {
    key: "accounts",
    name: "Accounts",
    description: "The AWS accounts of the organization, with their status",
  },
  {
    key: "accountDetails",
    name: "Account names and tags",
    description: "Each account's name, email and tags",
  },
  {
    key: "assignments",
    name: "Assignments",
    description: "Which user or group has which permission set in which account",
  },
  {
    key: "effectiveAccess",
    name: "Effective access",
    description: "Who can use which account with which permission set, directly or through which group",
  },
  {
    key: "signInActivity",
    name: "Sign-in activity",
    description:
      "When each user last signed in, and when each access was last used, from CloudTrail's last 90 days (optional: cloudtrail:LookupEvents)",
  },
] as const;

export type CapabilityKey = (typeof CAPABILITY_ITEMS)[number]["key"];

/** Sync warnings that name no action but still leave items out, by warning code. */
export const WARNING_FEEDS: Readonly<
  Record<string, { feeds: readonly CapabilityKey[]; whenMissing: string }>
> = {
  not_in_organization: {
    feeds: ["accounts", "accountDetails"],
    whenMissing: "the role's AWS account is in no AWS organization, so accounts are known by id only",
  },
};
