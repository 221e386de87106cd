// The shape of a rule: one file each (./rules/), pure over the snapshot's findings context.
import type { FindingsContext } from "./context.js";
import { findingId } from "./finding-id.js";
import type { FindingDraft, FindingRuleId, FindingSeverity, FindingSubject } from "./types.js";

export interface FindingRule {
  id: FindingRuleId;
  /** The rule's usual severity (a finding may differ, e.g. an unknown verdict is low). */
  severity: FindingSeverity;
  /** One line for people: what the rule looks for (README, --help, the web's filters). */
  title: string;
  /** The rule's findings; a generator where they are many (taken one at a time, see lifecycle.ts). */
  evaluate(ctx: FindingsContext): Iterable<FindingDraft>;
  /** The finding's one-line message, from its subject and details. */
  message(f: FindingDraft): string;
}

export interface DraftFields {
  severity?: FindingSeverity;
  accountId?: string | null;
  permissionSetArn?: string | null;
  userId?: string | null;
  groupId?: string | null;
  details?: Record<string, unknown>;
}

export function draft(rule: FindingRule, subject: FindingSubject, fields: DraftFields = {}): FindingDraft {
  return {
    id: findingId(rule.id, subject.type, subject.id),
    rule: rule.id,
    severity: fields.severity ?? rule.severity,
    subject,
    accountId: fields.accountId ?? null,
    permissionSetArn: fields.permissionSetArn ?? null,
    userId: fields.userId ?? null,
    groupId: fields.groupId ?? null,
    details: fields.details ?? {},
  };
}

/** A display name for an account: its name, else its id. */
export function accountLabel(ctx: FindingsContext, accountId: string): string {
  return ctx.accounts.get(accountId)?.name ?? accountId;
}

export function permissionSetLabel(ctx: FindingsContext, arn: string): string {
  return ctx.permissionSets.get(arn)?.name ?? arn;
}

export function userLabel(ctx: FindingsContext, userId: string): string {
  return ctx.users.get(userId)?.userName ?? userId;
}

export function groupLabel(ctx: FindingsContext, groupId: string): string {
  return ctx.groups.get(groupId)?.displayName ?? groupId;
}

/** A detail value as a string, for messages. */
export function str(details: Record<string, unknown>, key: string, fallback = ""): string {
  const v = details[key];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : fallback;
}

export function num(details: Record<string, unknown>, key: string): number {
  const v = details[key];
  return typeof v === "number" ? v : 0;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
