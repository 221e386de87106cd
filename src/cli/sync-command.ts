// `idc-sync sync CONNECTION|--all`: runs a sync now and waits for it; prints counts and changes.
import type { Change } from "../domain/change.js";
import { describeChange } from "../domain/describe-change.js";
import type { Connection } from "../domain/connection.js";
import { ConflictError } from "../domain/errors.js";
import type { SyncRun } from "../domain/sync-run.js";
import { DEFAULT_LEASE_MS, SyncRunner, type ReadFn } from "../engine/sync-runner.js";
import { activityReader, syncReader } from "../sync-wiring.js";
import { ActivityBackfill } from "../engine/activity-backfill.js";
import type { FullStore, Store } from "../store/store.js";
import type { CliContext, Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  resolveConnection,
  resolveOrganization,
  runStoreCommand,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync sync CONNECTION [options]
       idc-sync sync --all [options]

Syncs a connection (its id or name) now and waits: reads Identity Center, compares with the
stored state and commits the changes. Prints the counts and the changes found.

Options:
  --all           every connection of the organization, one after the other
  --force         commit even when drift protection held the last run (more than 20% of the
                  users would be deleted at once)
  --progress      progress lines on stderr even when it is not a terminal (e.g. in CI logs)
  --history       then read the rest of the sign-in history (CloudTrail's 90 days, optional
                  cloudtrail:LookupEvents) and wait for it: at 2 requests a second that takes
                  hours for a large organization. Without it, a sync reads the history only while
                  its identity read lasts, and 'idc-sync start' reads the rest in the background
${DATA_HELP}

Exit code 1 when a run failed or waits for confirmation (then run again with --force).
A sync holds its connection while it runs; if its process is killed, the next sync can start
once the claim expires (IDC_SYNC_SYNC_LEASE_SECONDS, default 60); 'idc-sync start' retries it then.
`;

const SHOWN_CHANGES = 20;
const JSON_CHANGES = 10_000;

/** One line for a change, with the names its detail carries. */
/** A change on one line: its kind (for grep and scripts), then the sentence the web shows too. */
export function changeLine(c: Change): string {
  return `${c.kind.padEnd(21)} ${describeChange(c)}`;
}

async function changesOf(store: Store, orgId: string, run: SyncRun, max: number): Promise<Change[]> {
  const out: Change[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listChanges(orgId, {
      connectionId: run.connectionId,
      syncRunId: run.id,
      order: "asc",
      limit: 1000,
      cursor,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && out.length < max);
  return out.slice(0, max);
}

function report(ctx: CliContext, connection: Connection, run: SyncRun, changes: Change[]): void {
  const c = run.counts;
  const lines = [`${connection.name} (${connection.id}): ${run.state}`];
  if (c !== null) {
    lines.push(
      `  users ${c.users}, groups ${c.groups}, memberships ${c.memberships}, accounts ${c.accounts}, ` +
        `permission sets ${c.permissionSets}, assignments ${c.assignments}, access ${c.access}`,
    );
  }
  const calls = Object.values(run.callsByAction).reduce((a, b) => a + b, 0);
  lines.push(`  ${calls} AWS calls, ${run.retries} retries, ${run.throttles} throttled`);
  for (const w of run.warnings)
    lines.push(`  warning: ${w.message}${w.action === undefined ? "" : ` [${w.action}]`}`);
  if (run.error !== null)
    lines.push(`  ${run.error.message}${run.error.action === null ? "" : ` [missing: ${run.error.action}]`}`);
  if (run.state === "succeeded") {
    const total = c?.changes ?? changes.length;
    lines.push(total === 0 ? "  no changes" : `  ${total} changes:`);
    for (const change of changes.slice(0, SHOWN_CHANGES)) lines.push(`    ${changeLine(change)}`);
    if (total > SHOWN_CHANGES)
      lines.push(`    ... and ${total - SHOWN_CHANGES} more: idc-sync changes ${connection.id}`);
  }
  ctx.stdout.write(`${lines.join("\n")}\n`);
}

/** Another run holds the connection: say when a run whose process died stops holding it. */
function claimHeld(err: ConflictError, leaseMs: number | undefined): ConflictError {
  const seconds = Math.round((leaseMs ?? DEFAULT_LEASE_MS) / 1000);
  return new ConflictError(
    `${err.message}. If that sync's process was killed, its claim lapses within ${seconds} s ` +
      "(IDC_SYNC_SYNC_LEASE_SECONDS of the process that ran it) and the next sync takes over",
    { cause: err },
  );
}

/**
 * The connector's read with progress on stderr: rewritten in place on a terminal, else (with
 * --progress) one line when each phase starts and one when the read is done and the commit starts.
 */
function readWithProgress(ctx: CliContext, lines: boolean): ReadFn {
  if (!ctx.interactive && !lines) return syncReader(ctx.config);
  const say = (text: string) => ctx.stderr.write(ctx.interactive ? `\r  ${text}\x1b[K` : `  ${text}\n`);
  const seen = new Set<string>();
  const inner = syncReader(ctx.config, {
    onProgress: (_id, p) => {
      if (ctx.interactive) say(`reading ${p.phase}: ${p.done}`);
      else if (!seen.has(p.phase)) {
        seen.add(p.phase);
        say(`reading ${p.phase}`);
      }
    },
  });
  return async (connection, organization, signal, context) => {
    seen.clear();
    say(`${connection.name}: reading Identity Center`);
    const result = await inner(connection, organization, signal, context);
    const s = result.snapshot;
    say(
      `read ${s.users.length} users, ${s.groups.length} groups, ${s.assignments.length} assignments; comparing with the stored state and committing`,
    );
    return result;
  };
}

export const syncCommand: Command = (args, ctx) =>
  runStoreCommand(
    "sync",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      all: { type: "boolean" },
      force: { type: "boolean" },
      progress: { type: "boolean" },
      history: { type: "boolean" },
    },
    async ({ values, positionals }, open) => {
      const all = values.all === true;
      if (all === positionals.length > 0 || positionals.length > 1) {
        throw new UsageError("CONNECTION: name one connection (id or name), or give --all");
      }
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const targets = all
        ? await store.listConnections(organization.id)
        : [await resolveConnection(store, organization.id, positionals[0])];
      const runner = new SyncRunner({
        store,
        read: readWithProgress(ctx, values.progress === true),
        ...(ctx.config.syncLeaseMs === undefined ? {} : { leaseMs: ctx.config.syncLeaseMs }),
        inactivityDays: ctx.config.inactivityDays,
      });
      const results: { connection: Connection; run: SyncRun; changes: Change[] }[] = [];
      for (const connection of targets) {
        if (ctx.stopSignal.aborted) break;
        const run = await runner
          .run(organization.id, connection.id, { force: values.force === true, signal: ctx.stopSignal })
          .catch((err: unknown) => {
            throw err instanceof ConflictError ? claimHeld(err, ctx.config.syncLeaseMs) : err;
          });
        if (ctx.interactive) ctx.stderr.write("\r\x1b[K");
        const changes =
          run.state === "succeeded"
            ? await changesOf(
                store,
                organization.id,
                run,
                values.json === true ? JSON_CHANGES : SHOWN_CHANGES,
              )
            : [];
        if (values.history === true && run.state === "succeeded")
          await readHistory(ctx, store, organization.id, connection);
        results.push({ connection, run, changes });
        if (values.json !== true) {
          report(ctx, connection, run, changes);
          if (run.state === "succeeded") await reportHistory(ctx, store, organization.id, connection);
        }
      }
      if (values.json === true) {
        writeJson(
          ctx,
          results.map(({ run, changes }) => ({
            run,
            changes,
            changesTruncated: (run.counts?.changes ?? 0) > changes.length,
          })),
        );
      } else if (targets.length === 0) {
        ctx.stdout.write(`No connections in ${organization.name}: add one with 'idc-sync connect'.\n`);
      }
      const bad = results.find((r) => r.run.state !== "succeeded");
      if (bad !== undefined) {
        const { connection, run } = bad;
        const reason =
          run.state === "needs_confirmation"
            ? `${run.error?.message ?? "this sync waits for confirmation"}: idc-sync sync ${connection.id} --force`
            : (run.error?.message ?? "failed");
        ctx.stderr.write(`idc-sync sync: ${connection.name}: ${reason.replace(/\s*\n\s*/g, " ")}\n`);
        return EXIT_FAILURE;
      }
      return EXIT_OK;
    },
  );

/** --history: backfill turns until the connection's 90 days of sign-in history are read. */
async function readHistory(
  ctx: CliContext,
  store: FullStore,
  orgId: string,
  connection: Connection,
): Promise<void> {
  const backfill = new ActivityBackfill({ store, read: activityReader(ctx.config) });
  const say = (text: string) => ctx.stderr.write(ctx.interactive ? `\r  ${text}\x1b[K` : `  ${text}\n`);
  let calls = 0;
  await backfill.toEnd(orgId, connection.id, ctx.stopSignal, (read) => {
    if (read.status !== "read") return;
    calls += read.stats.calls;
    say(`${connection.name}: sign-in history read back to ${read.stats.from} (${calls} CloudTrail calls)`);
  });
  if (ctx.interactive) ctx.stderr.write("\r\x1b[K");
}

/** Says how far the sign-in history is read, when it is read at all but not yet to its 90 days. */
async function reportHistory(
  ctx: CliContext,
  store: Store,
  orgId: string,
  connection: Connection,
): Promise<void> {
  const state = await store.getActivityState(orgId, connection.id);
  if (state.state !== "available" || state.coverage === null || state.coverage.backfilled) return;
  ctx.stdout.write(
    `  sign-in history read back to ${state.coverage.knownSince} of CloudTrail's 90 days; ` +
      `'idc-sync start' reads the rest in the background, or now: idc-sync sync ${connection.id} --history\n`,
  );
}
