// What an operation handler gets, and the shape of a service's operation table.
import type { ActivityLog } from "../activity.js";
import type { SbWorld } from "../model.js";
import type { Pager } from "../paging.js";
import type { WorldIndex } from "./world-index.js";

export interface OpContext {
  world: SbWorld;
  index: WorldIndex;
  pager: Pager;
  /** Organizations ListAccounts: an empty page (still carrying a NextToken) after every Nth page; 0 = never. */
  emptyPageEvery: number;
  /** CloudTrail's event history (LookupEvents). */
  activity: ActivityLog;
  /** Epoch milliseconds: LookupEvents' 90-day window ends now. */
  now: () => number;
}

/** Returns the response body (an object, or JSON bytes already serialized). Throws AwsError. */
export type OpHandler = (ctx: OpContext, input: unknown) => object;

export type OpTable = Record<string, OpHandler>;

/** AWS JSON timestamps are epoch seconds. */
export function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
