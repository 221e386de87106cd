// Reading a change's detail back (from the changes table, or from the API in the web app) into
// its kind's shape. Rows are written by the diff in exactly these shapes (unchanged since the
// first release); a key missing or of another type reads as "unknown" rather than failing, so
// one odd row never hides a connection's history. No zod here: the web bundle uses this too.
import type { ChangeDetails, ChangeKind, FieldChanges } from "./change.js";
import type { FindingRuleId, FindingSubjectType } from "./findings/types.js";
import type { AccessPath, PrincipalType, UserStatus } from "./model.js";

type Raw = Record<string, unknown>;

const record = (v: unknown): Raw =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Raw) : {};
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const status = (v: unknown): UserStatus => (v === "DISABLED" || v === "DELETED" ? v : "ENABLED");
const principalType = (v: unknown): PrincipalType => (v === "GROUP" ? "GROUP" : "USER");
const via = (v: unknown): AccessPath[] => (Array.isArray(v) ? (v as AccessPath[]) : []);
const fields = <T>(d: Raw): FieldChanges<T> => ({
  before: record(d.before) as Partial<T>,
  after: record(d.after) as Partial<T>,
});

const readers: { [K in ChangeKind]: (d: Raw) => ChangeDetails[K] } = {
  "user.added": (d) => ({
    userName: text(d.userName) ?? "",
    displayName: text(d.displayName),
    status: status(d.status),
  }),
  "user.deleted": (d) => ({ userName: text(d.userName) ?? "", displayName: text(d.displayName) }),
  "user.restored": (d) => ({
    userName: text(d.userName) ?? "",
    status: status(d.status),
    deletedAt: text(d.deletedAt),
  }),
  "user.enabled": (d) => ({ userName: text(d.userName) ?? "" }),
  "user.disabled": (d) => ({ userName: text(d.userName) ?? "" }),
  "user.updated": (d) => ({ userName: text(d.userName) ?? "", ...fields(d) }),
  "group.added": (d) => ({ displayName: text(d.displayName) }),
  "group.deleted": (d) => ({ displayName: text(d.displayName) }),
  "membership.added": (d) => membership(d),
  "membership.removed": (d) => membership(d),
  "assignment.added": (d) => assignment(d),
  "assignment.removed": (d) => assignment(d),
  "access.granted": (d) => access(d),
  "access.revoked": (d) => access(d),
  "permissionSet.added": (d) => ({ name: text(d.name) ?? "" }),
  "permissionSet.deleted": (d) => ({ name: text(d.name) ?? "" }),
  "permissionSet.updated": (d) => ({ name: text(d.name) ?? "", ...fields(d) }),
  "account.added": (d) => ({ name: text(d.name) }),
  "account.removed": (d) => ({ name: text(d.name) }),
  "finding.opened": (d) => finding(d),
  "finding.resolved": (d) => finding(d),
};

function finding(d: Raw): ChangeDetails["finding.opened"] {
  const subject = record(d.subject);
  const out: ChangeDetails["finding.opened"] = {
    findingId: text(d.findingId) ?? "",
    rule: (text(d.rule) ?? "") as FindingRuleId,
    severity: d.severity === "high" || d.severity === "medium" ? d.severity : "low",
    subject: {
      type: (text(subject.type) ?? "user") as FindingSubjectType,
      id: text(subject.id) ?? "",
      name: text(subject.name),
    },
    message: text(d.message) ?? "",
  };
  for (const key of ["userName", "accountName", "permissionSetName", "groupName", "reason"] as const) {
    const value = text(d[key]);
    if (value !== null) out[key] = value;
  }
  if (d.reopened === true) out.reopened = true;
  return out;
}

function membership(d: Raw): ChangeDetails["membership.added"] {
  return { groupName: text(d.groupName), userName: text(d.userName) };
}

function assignment(d: Raw): ChangeDetails["assignment.added"] {
  return {
    principalType: principalType(d.principalType),
    principalId: text(d.principalId) ?? "",
    principalName: text(d.principalName),
    accountName: text(d.accountName),
    permissionSetName: text(d.permissionSetName),
  };
}

function access(d: Raw): ChangeDetails["access.granted"] {
  return {
    userName: text(d.userName),
    accountName: text(d.accountName),
    permissionSetName: text(d.permissionSetName),
    via: via(d.via),
  };
}

/** The detail of a change of `kind`, from its stored or transported form (JSON value). */
export function readChangeDetail<K extends ChangeKind>(kind: K, raw: unknown): ChangeDetails[K] {
  return readers[kind](record(raw));
}
