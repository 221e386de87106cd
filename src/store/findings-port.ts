// What the surfaces get of findings (src/domain/findings/): list, count, accept, export. The sync's
// side (stored states, commit) is in sync-port.ts. Implemented in store-findings.ts for both dialects.
import type {
  Finding,
  FindingCounts,
  FindingRuleId,
  FindingSeverity,
  FindingStatus,
} from "../domain/findings/types.js";

export type { FindingCommit, StoredFindings } from "../domain/sync-state.js";

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
