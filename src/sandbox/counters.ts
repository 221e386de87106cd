// Every request counted by IAM action and outcome, plus a log of AssumeRole calls, so tests and
// benchmarks can assert how many calls a sync made and which ExternalId it sent.
import type { Outcome } from "./protocol/errors.js";

export type { Outcome };

export interface ActionCounts {
  total: number;
  ok: number;
  throttled: number;
  denied: number;
  /** 5xx answers (injected faults). */
  failed: number;
  /** Validation, serialization and unknown-operation errors. */
  invalid: number;
  notFound: number;
}

export interface AssumeRoleCall {
  at: string;
  outcome: Outcome;
  errorCode?: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  callerArn?: string;
}

export interface CountersSnapshot {
  total: ActionCounts;
  /** Key: IAM action ("identitystore:ListUsers", "sso:ListAccountAssignments", "sts:AssumeRole");
   * requests whose operation was not recognised count under "unknown". */
  byAction: Record<string, ActionCounts>;
  assumeRoleCalls: AssumeRoleCall[];
}

const MAX_ASSUME_ROLE_LOG = 10_000;

function zero(): ActionCounts {
  return { total: 0, ok: 0, throttled: 0, denied: 0, failed: 0, invalid: 0, notFound: 0 };
}

export class Counters {
  private byAction = new Map<string, ActionCounts>();
  private assumeRoleLog: AssumeRoleCall[] = [];

  record(action: string, outcome: Outcome): void {
    let counts = this.byAction.get(action);
    if (counts === undefined) {
      counts = zero();
      this.byAction.set(action, counts);
    }
    counts.total++;
    counts[outcome]++;
  }

  recordAssumeRole(call: AssumeRoleCall): void {
    if (this.assumeRoleLog.length >= MAX_ASSUME_ROLE_LOG) this.assumeRoleLog.shift();
    this.assumeRoleLog.push(call);
  }

  /** Count for one action (and one outcome, default: all outcomes). */
  count(action: string, outcome: Outcome | "total" = "total"): number {
    return this.byAction.get(action)?.[outcome] ?? 0;
  }

  snapshot(): CountersSnapshot {
    const total = zero();
    const byAction: Record<string, ActionCounts> = {};
    for (const action of [...this.byAction.keys()].sort()) {
      const counts = this.byAction.get(action);
      if (counts === undefined) continue;
      byAction[action] = { ...counts };
      for (const k of Object.keys(total) as (keyof ActionCounts)[]) total[k] += counts[k];
    }
    return { total, byAction, assumeRoleCalls: this.assumeRoleLog.map((c) => ({ ...c })) };
  }

  reset(): void {
    this.byAction.clear();
    this.assumeRoleLog = [];
  }
}
