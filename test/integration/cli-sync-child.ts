// The killed-sync tests' child process (cli-sync-killed*.test.ts): the built `idc-sync sync` as a child
// process whose --progress lines on stderr say when the read starts and when the commit starts,
// and the seeded plan of when to kill it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/idc-sync.js", import.meta.url));
const BUILT_SYNC = fileURLToPath(new URL("../../dist/cli/sync-command.js", import.meta.url));

/** The test runs the built CLI (CI builds it in `npm ci`); a missing or stale build is named. */
export function assertBuilt(): void {
  const fresh =
    existsSync(BUILT_SYNC) && readFileSync(BUILT_SYNC, "utf8").includes("comparing with the stored");
  if (!fresh) throw new Error(`${BUILT_SYNC} is missing or stale: run 'npm run build' first`);
}

export type Phase = "read" | "commit";

export interface SyncChild {
  /** Resolves when the phase starts (true), or when the process ends before it does (false). */
  started(phase: Phase): Promise<boolean>;
  /** True once the commit line was printed: the read is over. */
  readonly committing: boolean;
  /** Resolves with the exit code (null when killed) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, if still running; true when the kill was sent to a live process. */
  kill(): boolean;
  stderr(): string;
}

const PHASE_LINE: Record<Phase, RegExp> = {
  read: /: reading Identity Center$/,
  commit: /comparing with the stored state and committing$/,
};

export function startSyncChild(args: string[], env: Record<string, string>): SyncChild {
  const child: ChildProcess = spawn(process.execPath, [BIN, "sync", "--progress", ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let alive = true;
  const seen = new Set<Phase>();
  const waiting = new Map<Phase, ((v: boolean) => void)[]>();
  let text = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      alive = false;
      for (const list of waiting.values()) for (const w of list) w(false);
      waiting.clear();
      resolve({ code, signal });
    });
  });
  if (child.stderr === null) throw new Error("no stderr pipe");
  createInterface({ input: child.stderr }).on("line", (line) => {
    text += `${line}\n`;
    for (const phase of ["read", "commit"] as const) {
      if (!PHASE_LINE[phase].test(line)) continue;
      seen.add(phase);
      for (const w of waiting.get(phase) ?? []) w(true);
      waiting.delete(phase);
    }
  });
  return {
    started: (phase) =>
      seen.has(phase)
        ? Promise.resolve(true)
        : !alive
          ? Promise.resolve(false)
          : new Promise((resolve) => waiting.set(phase, [...(waiting.get(phase) ?? []), resolve])),
    get committing() {
      return seen.has("commit");
    },
    exited,
    kill: () => alive && child.kill("SIGKILL"),
    stderr: () => text,
  };
}

/** mulberry32: a small seeded generator, so that the kill delays are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Kill {
  phase: Phase;
  /** When to kill, as a share of the phase's duration (0 to 0.95). */
  at: number;
}

/**
 * Kills alternating between the read and the commit, their times random but spread over the whole
 * phase: the k-th of n kills of a phase falls in the k-th n-th of it (stratified sampling).
 */
export function killPlan(iterations: number, seed: number): Kill[] {
  const random = seededRandom(seed);
  const perPhase = { read: Math.ceil(iterations / 2), commit: Math.floor(iterations / 2) };
  const strata = (n: number) => Array.from({ length: n }, (_, k) => ((k + random()) / n) * 0.95);
  const read = strata(perPhase.read);
  const commit = strata(perPhase.commit);
  return Array.from({ length: iterations }, (_, i) =>
    i % 2 === 0 ? { phase: "read", at: read[i >> 1] ?? 0 } : { phase: "commit", at: commit[i >> 1] ?? 0 },
  );
}
