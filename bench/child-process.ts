// The benchmark's processes: the sandbox, the measured sync and the naive baseline each run in a
// child of bench/run.ts, so that each one's CPU and peak RSS are its own. A child gets one task
// over IPC and answers with one message; the sandbox child then serves until it is disconnected.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Child<R> {
  /** The child's one answer. Rejects if the child exits first or reports an error. */
  result: Promise<R>;
  /** Disconnects the child and waits for it to exit. */
  close(): Promise<void>;
}

interface Answer<R> {
  ok: boolean;
  value?: R;
  error?: string;
}

/** Compiled (npm run bench builds bench/ and src/ into .bench-build) or run from source by tsx. */
const compiled = import.meta.url.endsWith(".js");

/**
 * Forks `module` (a path relative to this folder, named by its .ts source) and sends it `task`:
 * the compiled module under plain node, as the service runs, or the source through tsx, whose
 * loader alone adds some 60 MB to a process's RSS. `heapCapMb`
 * caps V8's old space (--max-old-space-size): how small a heap the work fits in; `nodeOptions`
 * go to node as they are (diagnostics such as --heapsnapshot-near-heap-limit).
 */
export function startChild<T, R>(
  module: string,
  task: T,
  options: { heapCapMb?: number; nodeOptions?: string[] } = {},
): Child<R> {
  const cap = [
    ...(options.heapCapMb === undefined ? [] : [`--max-old-space-size=${options.heapCapMb}`]),
    ...(options.nodeOptions ?? []),
  ];
  const path = compiled ? module.replace(/\.ts$/, ".js") : module;
  const child: ChildProcess = fork(fileURLToPath(new URL(path, import.meta.url)), [], {
    execArgv: compiled ? ["--enable-source-maps", ...cap] : ["--import", "tsx", ...cap],
    // The SDK's own switch for its Node-version notice, which would clutter every child's output.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const result = new Promise<R>((resolve, reject) => {
    child.once("message", (message) => {
      const answer = message as Answer<R>;
      if (answer.ok) resolve(answer.value as R);
      else reject(new Error(`${module}: ${answer.error ?? "failed"}`));
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`${module} exited (${signal ?? `code ${code}`}) before answering`)),
    );
  });
  child.send(task as object);
  return {
    result,
    close: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

/** In a child: runs `work` on the parent's task and sends its answer (or its error). */
export function serveTask<T, R>(work: (task: T) => Promise<R>, options: { exitAfter: boolean }): void {
  process.once("message", (task) => {
    work(task as T).then(
      (value) => {
        // exitAfter: nothing the work left behind (sockets, timers) may keep the child alive.
        process.send?.({ ok: true, value } satisfies Answer<R>, () => {
          if (options.exitAfter) process.exit(0);
        });
      },
      (err: unknown) => {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        process.send?.({ ok: false, error } satisfies Answer<R>, () => process.exit(1));
      },
    );
  });
}
