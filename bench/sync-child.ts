// The measured process: one full sync of the sandbox organization through the real SDK, the
// connector and the sync runner into a fresh SQLite store under AWS-like conditions; then a
// re-sync of the unchanged organization with no latency and no rate limits, which is both the
// unthrottled reference (its snapshot must hash the same) and the no-change check (it must record
// no changes). Peak RSS is this process's own (the sandbox runs elsewhere).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readIdentityCenter, type ReadProgress } from "../src/connectors/aws-identity-center/index.js";
import type { ReadResult } from "../src/domain/model.js";
import type { SyncCounts, SyncRunState } from "../src/domain/sync-run.js";
import { RequestBudget, type BudgetRates } from "../src/aws-calls/request-budget.js";
import { SyncRunner, type ReadFn } from "../src/engine/sync-runner.js";
import type { ConnectValues } from "../src/sandbox/index.js";
import { openStore } from "../src/store/open-store.js";
import { startTimeline, type BucketUse, type Timeline } from "./bucket-timeline.js";
import { serveTask } from "./child-process.js";
import { AWS_LIKE, PLATFORM_CREDENTIALS, UNTHROTTLED, serverCalls, startPhase } from "./sandbox-admin.js";
import { snapshotHash } from "./snapshot-hash.js";
import { memoryNow, timedStore, type Memory } from "./timed-store.js";
import type { FindingCounts } from "../src/domain/findings/types.js";

export interface SyncTask {
  label: string;
  connect: ConnectValues;
  /** Budget rates of the measured sync; default the engine's own (DEFAULT_BUDGET_RATES). */
  budgetRates?: Partial<BudgetRates>;
  /** The first sync unthrottled too (no latency, no limits, no budget): memory and commit only. */
  unthrottled: boolean;
  /** Passed to the child as --max-old-space-size (see startChild); recorded with the result. */
  heapCapMb?: number;
  /** Seconds between progress lines on stderr; 0: none. */
  progressEvery: number;
  /** Default true; false runs the syncs without evaluating findings (to measure what they add). */
  findings?: boolean;
}

export interface PhaseMeasure {
  state: SyncRunState;
  error: string | null;
  readSeconds: number;
  /** loadState + loadUserScoped: the stored state the diff compares with. */
  loadSeconds: number;
  commitSeconds: number;
  /** The runner's whole run: claim, read, diff, commit. */
  totalSeconds: number;
  counts: SyncCounts | null;
  /** Client side: HTTP attempts per IAM action, retries included. */
  clientCalls: Record<string, number>;
  retries: number;
  throttles: number;
  /** Server side: requests per IAM action, and those answered with throttling. */
  serverCalls: Record<string, number>;
  serverThrottled: Record<string, number>;
  /** Change rows the run recorded. */
  changes: number;
  /** From loading the stored findings to the start of the commit: evaluating the rules and the lifecycle. */
  findingsSeconds: number;
  /** Findings after the run: open per severity, accepted, resolved (null when findings were off). */
  findings: FindingCounts | null;
  warnings: number;
  /** Peak RSS of this phase's sync, MB (VmHWM reset at its start on Linux; else the process's maxRSS). */
  maxRssMb: number;
  heapUsedMb: number;
  snapshotHash: string | null;
  /** The commit's rows and seconds per table (each batch timed from the end of the one before). */
  commitTables: Record<string, { rows: number; seconds: number }>;
  /** Memory when the read returned, and the largest seen around the diff's loads and the commit. */
  memory: { afterRead: Memory | null; load: Memory | null; commit: Memory | null };
  /** Per quota bucket, when and how fast it was used (sampled each second; throttled phase only). */
  timeline: Record<string, BucketUse> | null;
}

export interface SyncResult {
  /** maxRSS once the modules are loaded, before any work, MB: the process's own floor. */
  baselineRssMb: number;
  /** The V8 old-space cap the child ran with (--max-old-space-size), MB; null: Node's default. */
  heapCapMb: number | null;
  first: PhaseMeasure;
  resync: PhaseMeasure;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/** process.resourceUsage().maxRSS (kibibytes) in MB (10^6 bytes, as memoryUsage() figures here). */
const maxRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);

/**
 * Linux keeps a resettable high-water mark (VmHWM, reset by writing 5 to clear_refs): each phase
 * measures its own sync's peak, not the hashing and bookkeeping the bench does after the first.
 * Elsewhere the process's maxRSS, which only grows.
 */
function resetPeakRss(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux, or not allowed: phaseRssMb falls back to the process's maxRSS.
  }
}

function phaseRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1] !== undefined) return Math.round((Number(hwm[1]) * 1024) / 1e6);
  } catch {
    // As above.
  }
  return maxRssMb();
}
const baselineRssMb = maxRssMb();

async function run(task: SyncTask): Promise<SyncResult> {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-bench-"));
  // The commit's time per table: from one written batch to the next (the first from the start of
  // the commit), through the store's afterCommitBatch hook.
  let commitTables: Record<string, { rows: number; ms: number }> = {};
  let mark = 0;
  const afterCommitBatch = (table: string, rows: number) => {
    if (process.env["BENCH_MEMORY_DETAIL"] === "1") memoryNow();
    const now = performance.now();
    const t = (commitTables[table] ??= { rows: 0, ms: 0 });
    t.rows += rows;
    t.ms += now - mark;
    mark = now;
  };
  let findingsFrom = 0;
  let findingsMs = 0;
  const { store, times } = timedStore(
    await openStore({ sqliteFile: join(dir, "bench.db"), hooks: { afterCommitBatch } }),
    (method) => {
      if (method === "loadFindingStates") findingsFrom = performance.now();
      if (method === "commitSyncRun") {
        mark = performance.now();
        if (findingsFrom > 0) findingsMs = mark - findingsFrom;
      }
    },
  );
  try {
    const org = await store.createOrganization("bench");
    const { endpoint, externalId, ...values } = task.connect;
    const connection = await store.createConnection(org.id, { values, endpointUrl: endpoint });

    let budget = task.unthrottled
      ? new RequestBudget({ enabled: false })
      : new RequestBudget(task.budgetRates === undefined ? {} : { rates: task.budgetRates });
    let last: { result: ReadResult; ms: number; memory: Memory } | undefined;
    // Sampled during the read only: the diff and the commit block the event loop (better-sqlite3
    // is synchronous), which would smear the last samples.
    const sampling: { timeline?: Timeline; use?: Promise<Record<string, BucketUse>> } = {};
    // A function, so that control flow does not narrow what the read callback sets.
    const sampledUse = () => sampling.use;
    const progress = new Map<string, number>();
    const onProgress = (p: ReadProgress) => progress.set(p.phase, p.done);
    const read: ReadFn = async (conn, _org, signal) => {
      const t0 = performance.now();
      const result = await readIdentityCenter({
        values: conn.values,
        externalId,
        connectionId: conn.id,
        endpointUrl: endpoint,
        platformCredentials: PLATFORM_CREDENTIALS,
        budget,
        signal,
        onProgress,
      });
      last = { result, ms: performance.now() - t0, memory: memoryNow() };
      if (sampling.timeline !== undefined) sampling.use = sampling.timeline.stop();
      return result;
    };
    const withFindings = task.findings ?? true;
    const runner = new SyncRunner({ store, read, findings: withFindings });

    const phase = async (name: string, sampled: boolean): Promise<PhaseMeasure> => {
      times.reset();
      commitTables = {};
      findingsFrom = 0;
      findingsMs = 0;
      progress.clear();
      delete sampling.use;
      if (sampled) sampling.timeline = startTimeline(endpoint);
      else delete sampling.timeline;
      const t0 = performance.now();
      const ticker =
        task.progressEvery > 0
          ? setInterval(() => {
              const done = [...progress].map(([k, v]) => `${k} ${v}`).join(", ");
              process.stderr.write(
                `[${task.label} ${name}] ${Math.round((performance.now() - t0) / 1000)} s: ${done}\n`,
              );
            }, task.progressEvery * 1000)
          : undefined;
      let syncRun;
      resetPeakRss();
      try {
        syncRun = await runner.run(org.id, connection.id);
      } finally {
        clearInterval(ticker);
      }
      const peakRss = phaseRssMb();
      const totalMs = performance.now() - t0;
      const bucketUse = (await sampledUse()) ?? null;
      const changes = await store.listChanges(org.id, { syncRunId: syncRun.id, limit: 1000 });
      const server = await serverCalls(endpoint);
      const hash = last === undefined ? null : snapshotHash(last.result.snapshot);
      const readMs = last?.ms ?? 0;
      const afterRead = last?.memory ?? null;
      last = undefined;
      const ms = times.ms;
      return {
        state: syncRun.state,
        error: syncRun.error === null ? null : `${syncRun.error.code}: ${syncRun.error.message}`,
        readSeconds: seconds(readMs),
        loadSeconds: seconds((ms.loadState ?? 0) + (ms.loadUserScoped ?? 0)),
        commitSeconds: seconds(ms.commitSyncRun ?? 0),
        totalSeconds: seconds(totalMs),
        counts: syncRun.counts,
        clientCalls: syncRun.callsByAction,
        retries: syncRun.retries,
        throttles: syncRun.throttles,
        serverCalls: server.total,
        serverThrottled: server.throttled,
        changes: Math.max(syncRun.counts?.changes ?? 0, changes.items.length),
        findingsSeconds: seconds(findingsMs),
        findings: withFindings
          ? (await store.listFindings(org.id, { connectionId: connection.id, limit: 1 })).counts
          : null,
        warnings: syncRun.warnings.length,
        maxRssMb: peakRss,
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
        snapshotHash: hash,
        timeline: bucketUse,
        commitTables: Object.fromEntries(
          Object.entries(commitTables).map(([t, v]) => [t, { rows: v.rows, seconds: seconds(v.ms) }]),
        ),
        memory: {
          afterRead,
          load: ms.loadUserScoped === undefined ? null : (times.memory.loadUserScoped ?? null),
          commit: times.memory.commitSyncRun ?? null,
        },
      };
    };

    await startPhase(endpoint, task.unthrottled ? UNTHROTTLED : AWS_LIKE);
    const first = await phase("sync", true);
    await startPhase(endpoint, UNTHROTTLED);
    budget = new RequestBudget({ enabled: false });
    const resync = await phase("re-sync", false);
    return { baselineRssMb, heapCapMb: task.heapCapMb ?? null, first, resync };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

serveTask(run, { exitAfter: true });
