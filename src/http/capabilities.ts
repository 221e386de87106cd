// The Integration Capabilities table: one row per item idc-sync syncs, and whether it is available
// now, derived from a connection's last sync (its state, its error and the IAM action that was
// denied, its warnings). Which items each IAM action feeds is the connector's IAM action table.
import { iamActionInfo } from "../connectors/aws-identity-center/actions.js";
import {
  CAPABILITY_ITEMS,
  WARNING_FEEDS,
  type CapabilityKey,
} from "../connectors/aws-identity-center/capability-items.js";
import { problemParts } from "../domain/problem-text.js";
import type { Capability, Problem } from "./api-contract.js";

/** What an action or an action-less warning takes away: the items it feeds, and what goes missing. */
interface Effect {
  feeds: readonly CapabilityKey[] | "all";
  whenMissing: string;
}

function actionEffect(action: string): Effect | undefined {
  const info = iamActionInfo(action);
  return info === undefined ? undefined : { feeds: info.feeds, whenMissing: info.whenDenied };
}

/** What the table needs of a connection (the store's Connection has all of it). */
export interface CapabilitySource {
  name: string;
  state: "pending" | "syncing" | "connected" | "error";
  lastError: { code: string; message: string; action: string | null } | null;
  lastWarnings: readonly { code: string; message: string; action?: string | null | undefined }[];
  lastSyncedAt: string | null;
}

function feeds(effect: Effect | undefined, key: CapabilityKey, unknown: boolean): boolean {
  if (effect === undefined) return unknown;
  return effect.feeds === "all" || effect.feeds.includes(key);
}

type CapabilityState = Capability["state"];

function row(
  item: (typeof CAPABILITY_ITEMS)[number],
  state: CapabilityState,
  missingAction: string | null,
  note: string | null,
): Capability {
  return {
    key: item.key,
    name: item.name,
    description: item.description,
    available: state === "available",
    missingAction,
    note,
    state,
  };
}

const missing = (action: string, effect: Effect | undefined): string =>
  `Missing permission ${action}${effect === undefined ? "" : `: ${effect.whenMissing}`}`;

/**
 * Actions that take away only part of an item: the rest of it is still read (account names and
 * emails come from ListAccounts when only the tags, or DescribeAccount, are denied).
 */
const PARTIAL: Readonly<Partial<Record<CapabilityKey, ReadonlySet<string>>>> = {
  accountDetails: new Set(["organizations:ListTagsForResource", "organizations:DescribeAccount"]),
};

/** One row per item for one connection, true to what each action gave in its last syncs. */
export function connectionCapabilities(c: CapabilitySource): Capability[] {
  const synced = c.lastSyncedAt !== null;
  const failed = c.state === "error" ? c.lastError : null;
  const failedAction = failed?.action ?? null;
  return CAPABILITY_ITEMS.map((item) => {
    if (failedAction !== null) {
      const effect = actionEffect(failedAction);
      if (feeds(effect, item.key, true)) {
        return row(
          item,
          "missing_permission",
          failedAction,
          `${missing(failedAction, effect)}; the sync stops without it`,
        );
      }
    }
    if (failed !== null && !synced) return row(item, "not_synced", failedAction, "Not synced yet");
    if (synced) {
      const partial: string[] = [];
      let partialAction: string | null = null;
      for (const w of c.lastWarnings) {
        const action = w.action ?? null;
        const effect = action === null ? WARNING_FEEDS[w.code] : actionEffect(action);
        if (!feeds(effect, item.key, false)) continue;
        if (action !== null && PARTIAL[item.key]?.has(action) === true) {
          partial.push(missing(action, effect));
          partialAction ??= action;
          continue;
        }
        if (action !== null) return row(item, "missing_permission", action, missing(action, effect));
        return row(
          item,
          "unavailable",
          null,
          effect === undefined ? problemParts(w.message).headline : `Not available: ${effect.whenMissing}`,
        );
      }
      if (partial.length > 0) return row(item, "partial", partialAction, `Partial: ${partial.join("; ")}`);
    }
    // The latest sync failed (the table says why once): what the last successful sync read.
    if (failed !== null) return row(item, "stale", null, "As of the last successful sync");
    if (!synced) return row(item, "not_synced", null, "Available after the first sync");
    return row(item, "available", null, null);
  });
}

/** The latest failure of these connections, said once for the table; null when none failed. */
export function capabilitiesProblem(connections: readonly CapabilitySource[]): Problem | null {
  const failing = connections.filter((c) => c.state === "error" && c.lastError !== null);
  const first = failing[0]?.lastError;
  if (first == null) return null;
  const parts = problemParts(first.message);
  const who = connections.length > 1 && failing[0] !== undefined ? `${failing[0].name}: ` : "";
  return {
    code: first.code,
    message: first.message,
    action: first.action,
    ...parts,
    headline: `${who}${parts.headline}`,
  };
}

/**
 * One row per item for several connections: available when every connection has it; otherwise the
 * connections that lack it say why (and those that have it are named).
 */
export function combinedCapabilities(connections: readonly CapabilitySource[]): Capability[] {
  if (connections.length === 0) {
    return CAPABILITY_ITEMS.map((item) =>
      row(item, "not_synced", null, "No connection yet: connect an Identity Center instance"),
    );
  }
  const only = connections[0];
  if (connections.length === 1 && only !== undefined) return connectionCapabilities(only);
  const perConnection = connections.map((c) => ({ name: c.name, rows: connectionCapabilities(c) }));
  return CAPABILITY_ITEMS.map((item, i) => {
    const rows = perConnection.map((p) => ({ name: p.name, row: p.rows[i] as Capability }));
    const lacking = rows.filter((r) => !r.row.available);
    const having = rows.filter((r) => r.row.available);
    const notes = (lacking.length > 0 ? lacking : rows)
      .filter((r) => r.row.note !== null)
      .map((r) => `${r.name}: ${r.row.note ?? ""}`);
    if (lacking.length > 0 && having.length > 0) {
      notes.push(`available from ${having.map((r) => r.name).join(", ")}`);
    }
    const missingAction = lacking.find((r) => r.row.missingAction !== null)?.row.missingAction ?? null;
    // The weakest connection's state speaks for the item.
    const order: CapabilityState[] = [
      "missing_permission",
      "not_synced",
      "unavailable",
      "stale",
      "partial",
      "available",
    ];
    const state = order.find((st) => rows.some((r) => r.row.state === st)) ?? "available";
    return row(item, state, missingAction, notes.length === 0 ? null : notes.join("; "));
  });
}
