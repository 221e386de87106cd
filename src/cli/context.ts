// What every CLI command gets from the composition root: parsed config and the output streams.
import type { Config } from "../config.js";

export interface CliContext {
  config: Config;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal: progress goes there only then. */
  interactive: boolean;
  /**
   * The terminal's width in characters when stdout is a terminal (else COLUMNS when set): tables
   * fit it. Undefined: output goes to a pipe or file.
   */
  columns?: number | undefined;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: AbortSignal;
}

/** A command: takes its own arguments (after the command name), returns the exit code. */
export type Command = (args: string[], ctx: CliContext) => Promise<number>;

/** Exit codes: 0 ok, 1 failure at run time, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
