// The Integration Capabilities table: one row per item idc-sync syncs, and whether it is available
// now, derived from a connection's last sync (its state, its error and the IAM action that was
// denied, its warnings). Which items each IAM action feeds is the connector's IAM action table.
import { iamActionInfo } from "../connectors/aws-identity-center/actions.js";
import {
  CAPABILITY_ITEMS,
  WARNING_FEEDS,
  type CapabilityKey,
} from "../connectors/aws-identity-center/capability-items.js";
import type { Capability } from "./api-contract.js";

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

function row(
  item: (typeof CAPABILITY_ITEMS)[number],
  available: boolean,
  missingAction: string | null,
  note: string | null,
): Capability {
  return { key: item.key, name: item.name, description: item.description, available, missingAction, note };
}

const missing = (action: string, effect: Effect | undefined): string =>
  `Missing permission ${action}${effect === undefined ? "" : `: ${effect.whenMissing}`}`;

/** One row per item for one connection. */
export function connectionCapabilities(c: CapabilitySource): Capability[] {
  const synced = c.lastSyncedAt !== null;
  const failed = c.state === "error" ? c.lastError : null;
  const failedAction = failed?.action ?? null;
  return CAPABILITY_ITEMS.map((item) => {
    if (failedAction !== null) {
      const effect = actionEffect(failedAction);
      if (feeds(effect, item.key, true)) {
        return row(item, false, failedAction, `${missing(failedAction, effect)}; the sync stops without it`);
      }
      if (!synced) {
        return row(
          item,
          false,
          failedAction,
          `Not synced yet: the sync stops at the missing ${failedAction}`,
        );
      }
    }
    if (synced) {
      for (const w of c.lastWarnings) {
        const action = w.action ?? null;
        const effect = action === null ? WARNING_FEEDS[w.code] : actionEffect(action);
        if (!feeds(effect, item.key, false)) continue;
        if (action !== null) return row(item, false, action, missing(action, effect));
        return row(
          item,
          false,
          null,
          effect === undefined ? w.message : `Not available: ${effect.whenMissing}`,
        );
      }
    }
    if (failed !== null) {
      // A failure naming an action returned above unless the item was synced before.
      if (!synced) return row(item, false, null, `Not synced yet: the first sync failed: ${failed.message}`);
      const why =
        failedAction === null
          ? `the latest sync failed: ${failed.message}`
          : `newer syncs stop at the missing ${failedAction}`;
      return row(item, true, null, `As of the last successful sync; ${why}`);
    }
    if (!synced) return row(item, false, null, "Available after the first sync");
    return row(item, true, null, null);
  });
}

/**
 * One row per item for several connections: available when every connection has it; otherwise the
 * connections that lack it say why (and those that have it are named).
 */
export function combinedCapabilities(connections: readonly CapabilitySource[]): Capability[] {
  if (connections.length === 0) {
    return CAPABILITY_ITEMS.map((item) =>
      row(item, false, null, "No connection yet: connect an Identity Center instance"),
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
    return row(item, lacking.length === 0, missingAction, notes.length === 0 ? null : notes.join("; "));
  });
}
