// The export of one connection (design.md section 3, contract). The schema lets consumers and
// tests check an export; `formatVersion` changes only with a migration note in the README.
// The entities' parts derive from their field lists (model.ts): a new field is exported as the
// last key of its entity, which keeps formatVersion 1 (design.md section 3: additions only).
import { z } from "zod";
import { exportShape } from "./fields.js";
import { ACCOUNT_FIELDS, GROUP_FIELDS, PERMISSION_SET_FIELDS, USER_FIELDS } from "./model.js";

const nullableString = z.string().nullable();

/** The user's fields in their list's order, then what the store adds. */
export const exportUserSchema = z.object({
  ...exportShape(USER_FIELDS),
  status: z.enum(["ENABLED", "DISABLED", "DELETED"]),
  licenseTypes: z.array(z.string()),
  firstSeenAt: z.string(),
  deletedAt: nullableString,
  /** Latest sign-in CloudTrail showed (optional extra); null: none in its 90 days, or not read. */
  lastSignInAt: nullableString,
});

const accessPathSchema = z.union([
  z.object({ type: z.literal("DIRECT") }),
  z.object({ type: z.literal("GROUP"), groupId: z.string() }),
]);

/** A finding (src/domain/findings/view.ts): an addition to formatVersion 1. */
export const exportFindingSchema = z.object({
  id: z.string(),
  rule: z.string(),
  severity: z.enum(["high", "medium", "low"]),
  status: z.enum(["open", "resolved", "accepted"]),
  subject: z.object({ type: z.string(), id: z.string(), name: nullableString }),
  accountId: nullableString,
  permissionSetArn: nullableString,
  userId: nullableString,
  groupId: nullableString,
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: nullableString,
  acceptance: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable(),
});

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
  groups: z.array(z.object(exportShape(GROUP_FIELDS))),
  memberships: z.array(z.object({ groupId: z.string(), userId: z.string() })),
  accounts: z.array(z.object(exportShape(ACCOUNT_FIELDS))),
  permissionSets: z.array(z.object(exportShape(PERMISSION_SET_FIELDS))),
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
      /** Latest Federate into this account with this permission set; null: none in 90 days, or not read. */
      lastUsedAt: nullableString,
    }),
  ),
  /** Every finding, any status (open, accepted, resolved), sorted by id. */
  findings: z.array(exportFindingSchema),
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
  "findings",
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
