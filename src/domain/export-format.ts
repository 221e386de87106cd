// The export of one connection (design.md section 3, contract). The schema lets consumers and
// tests check an export; `formatVersion` changes only with a migration note in the README.
import { z } from "zod";

const nullableString = z.string().nullable();
const tags = z.record(z.string(), z.string());

export const exportUserSchema = z.object({
  userId: z.string(),
  userName: z.string(),
  displayName: nullableString,
  givenName: nullableString,
  familyName: nullableString,
  emails: z.array(z.string()),
  primaryEmail: nullableString,
  externalIds: z.array(z.object({ issuer: z.string(), id: z.string() })),
  status: z.enum(["ENABLED", "DISABLED", "DELETED"]),
  licenseTypes: z.array(z.string()),
  firstSeenAt: z.string(),
  deletedAt: nullableString,
});

const accessPathSchema = z.union([
  z.object({ type: z.literal("DIRECT") }),
  z.object({ type: z.literal("GROUP"), groupId: z.string() }),
]);

const permissionsBoundarySchema = z.union([
  z.object({ type: z.literal("MANAGED"), managedPolicyArn: z.string() }),
  z.object({ type: z.literal("CUSTOMER_MANAGED"), name: z.string(), path: z.string() }),
]);

export const connectionExportSchema = z.object({
  formatVersion: z.literal(1),
  connection: z.object({
    id: z.string(),
    name: z.string(),
    region: z.string(),
    identityStoreId: z.string(),
    instanceArn: z.string(),
  }),
  syncedAt: nullableString,
  users: z.array(exportUserSchema),
  groups: z.array(
    z.object({ groupId: z.string(), displayName: nullableString, description: nullableString }),
  ),
  memberships: z.array(z.object({ groupId: z.string(), userId: z.string() })),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      name: nullableString,
      email: nullableString,
      status: nullableString,
      tags,
    }),
  ),
  permissionSets: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      description: nullableString,
      sessionDuration: nullableString,
      relayState: nullableString,
      managedPolicies: z.array(z.string()),
      customerManagedPolicies: z.array(z.object({ name: z.string(), path: z.string() })),
      inlinePolicy: nullableString,
      permissionsBoundary: permissionsBoundarySchema.nullable(),
      tags,
    }),
  ),
  assignments: z.array(
    z.object({
      accountId: z.string(),
      permissionSetArn: z.string(),
      principalType: z.enum(["USER", "GROUP"]),
      principalId: z.string(),
    }),
  ),
  access: z.array(
    z.object({
      userId: z.string(),
      accountId: z.string(),
      permissionSetArn: z.string(),
      via: z.array(accessPathSchema).readonly(),
    }),
  ),
});

export type ConnectionExport = z.infer<typeof connectionExportSchema>;
export type ExportUser = z.infer<typeof exportUserSchema>;

export const EXPORT_FORMAT_VERSION = 1 as const;

const EXPORT_KEYS = [
  "formatVersion",
  "connection",
  "syncedAt",
  "users",
  "groups",
  "memberships",
  "accounts",
  "permissionSets",
  "assignments",
  "access",
] as const;

/**
 * The export as JSON text in pieces of at most `batch` array elements: one element per line, so a
 * million access rows never become one string (V8 caps strings near 512 MB). Concatenated, the
 * pieces are one JSON document; the same state always gives the same bytes.
 */
export function* exportJsonChunks(data: ConnectionExport, batch = 1000): Generator<string> {
  let head = "{";
  for (const [i, key] of EXPORT_KEYS.entries()) {
    const value = data[key];
    const sep = i === EXPORT_KEYS.length - 1 ? "\n" : ",\n";
    if (!Array.isArray(value)) {
      head += `${JSON.stringify(key)}:${JSON.stringify(value)}${sep}`;
      continue;
    }
    if (value.length === 0) {
      head += `${JSON.stringify(key)}:[]${sep}`;
      continue;
    }
    yield `${head}${JSON.stringify(key)}:[\n`;
    for (let at = 0; at < value.length; at += batch) {
      const last = at + batch >= value.length;
      yield `${value
        .slice(at, at + batch)
        .map((item) => JSON.stringify(item))
        .join(",\n")}${last ? "\n" : ",\n"}`;
    }
    head = `]${sep}`;
  }
  yield `${head}}\n`;
}
