// The finding as the CLI's --json, the API and the export give it (contract): the fields in
// its order, fields that do not apply null, then `acceptance` (an addition: null unless accepted).
import type {
  Finding,
  FindingAcceptance,
  FindingRuleId,
  FindingSeverity,
  FindingStatus,
  FindingSubject,
} from "./types.js";

export interface FindingView {
  id: string;
  rule: FindingRuleId;
  severity: FindingSeverity;
  status: FindingStatus;
  subject: FindingSubject;
  accountId: string | null;
  permissionSetArn: string | null;
  userId: string | null;
  groupId: string | null;
  message: string;
  details: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  acceptance: FindingAcceptance | null;
}

export function findingView(f: Finding): FindingView {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    subject: { type: f.subject.type, id: f.subject.id, name: f.subject.name },
    accountId: f.accountId,
    permissionSetArn: f.permissionSetArn,
    userId: f.userId,
    groupId: f.groupId,
    message: f.message,
    details: f.details,
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    resolvedAt: f.resolvedAt,
    acceptance: f.acceptance,
  };
}
