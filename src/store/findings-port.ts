// What the store keeps of findings (src/domain/findings/): the sync's evaluation reads the stored
// states and commits its writes with the sync (SyncCommit.findings); the surfaces list, count and
// accept. Implemented in store-findings.ts for both dialects.
import type { FindingWrites, StoredFindingState } from "../domain/findings/lifecycle.js";
import type {
  Finding,
  FindingCounts,
  FindingRuleId,
  FindingSeverity,
  FindingStatus,
} from "../domain/findings/types.js";

export interface StoredFindings {
  /** False until a sync of the connection evaluated findings: the next evaluation is a baseline. */
  evaluated: boolean;
  states: Map<string, StoredFindingState>;
}

/** The findings part of one sync's commit. */
export type FindingCommit = Pick<FindingWrites, "upsert" | "resolve">;

export interface ListFindingsOptions {
  /** Only this connection's findings; all the organization's otherwise. */
  connectionId?: string;
  rules?: FindingRuleId[];
  severities?: FindingSeverity[];
  /** Default "open". */
  status?: FindingStatus | "all";
  userId?: string;
  accountId?: string;
  permissionSetArn?: string;
  groupId?: string;
  /** 1–1000, default 100. Ordered by severity (high first), rule, subject name, id. */
  limit?: number;
  cursor?: string | null;
}

export interface FindingPage {
  items: Finding[];
  nextCursor: string | null;
  /** Counts over the same filters except status and severity. */
  counts: FindingCounts;
}

export interface FindingAcceptInput {
  by: string;
  reason: string;
}

export interface FindingsPort {
  loadFindingStates(orgId: string, connectionId: string): Promise<StoredFindings>;
  /** The stored findings with these ids (any status); unknown ids are skipped. */
  getFindings(orgId: string, connectionId: string, ids: readonly string[]): Promise<Finding[]>;
  listFindings(orgId: string, options?: ListFindingsOptions): Promise<FindingPage>;
  /** Counts per connection of the organization (connections without findings are absent). */
  countFindingsByConnection(orgId: string): Promise<Map<string, FindingCounts>>;
  /** Accepts an open finding (or re-words an accepted one); NotFoundError, ConflictError if resolved. */
  acceptFinding(
    orgId: string,
    connectionId: string,
    findingId: string,
    input: FindingAcceptInput,
  ): Promise<Finding>;
  /** Every finding of the connection, any status, sorted by id (the export). */
  exportFindings(orgId: string, connectionId: string): Promise<Finding[]>;
}
