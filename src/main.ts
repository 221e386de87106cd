// The composition root: the only place that reads the environment and wires dependencies.
import { parseConfig } from "./config.js";
import type { CliContext, Command } from "./cli/context.js";
import { EXIT_USAGE } from "./cli/context.js";

// Commands are loaded lazily so that `idc-sync sandbox` does not load the store, and so on.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: "the service: API, web app and scheduler (what `npm start` runs)",
    load: async () => (await import("./cli/start-command.js")).startCommand,
  },
  worker: {
    summary: "run sync jobs from the queue (PostgreSQL), each in its own thread; no HTTP",
    load: async () => (await import("./cli/worker-command.js")).workerCommand,
  },
  jobs: {
    summary: "the sync job queue (PostgreSQL): queued, active and failed jobs with connection and age",
    load: async () => (await import("./cli/jobs-command.js")).jobsCommand,
  },
  sandbox: {
    summary: "run the AWS-compatible sandbox (identitystore, sso-admin, organizations, sts)",
    load: async () => (await import("./cli/sandbox-command.js")).sandboxCommand,
  },
  snapshot: {
    summary: "read an Identity Center instance and print the snapshot as JSON (no store)",
    load: async () => (await import("./cli/snapshot-command.js")).snapshotCommand,
  },
  policy: {
    summary: "the IAM permission policy, trust policy and CloudFormation template to create the role",
    load: async () => (await import("./cli/policy-command.js")).policyCommand,
  },
  check: {
    summary: "check a connection's role, trust policy, instance, region and permissions",
    load: async () => (await import("./cli/check-command.js")).checkCommand,
  },
  org: {
    summary: "create or list organizations (create prints the external id and an admin token)",
    load: async () => (await import("./cli/org-command.js")).orgCommand,
  },
  connect: {
    summary: "connect an Identity Center instance (role ARN, region, identity store id, instance ARN)",
    load: async () => (await import("./cli/connect-command.js")).connectCommand,
  },
  connections: {
    summary: "list the connections with state, last sync and users",
    load: async () => (await import("./cli/connections-command.js")).connectionsCommand,
  },
  sync: {
    summary: "sync a connection (or --all) now and wait; prints counts and changes",
    load: async () => (await import("./cli/sync-command.js")).syncCommand,
  },
  export: {
    summary: "export a connection's state as JSON or CSV (formatVersion 1)",
    load: async () => (await import("./cli/export-command.js")).exportCommand,
  },
  changes: {
    summary: "the changes syncs found in a connection",
    load: async () => (await import("./cli/changes-command.js")).changesCommand,
  },
  users: {
    summary: "a connection's users with status and license type",
    load: async () => (await import("./cli/users-command.js")).usersCommand,
  },
  access: {
    summary: "effective access: account -> permission set -> users",
    load: async () => (await import("./cli/access-command.js")).accessCommand,
  },
  token: {
    summary: "create, list or revoke API tokens (read or admin scope, optional expiry)",
    load: async () => (await import("./cli/token-command.js")).tokenCommand,
  },
  audit: {
    summary: "the audit log: sign-ins, token changes, connection edits, syncs requested, exports",
    load: async () => (await import("./cli/audit-command.js")).auditCommand,
  },
  notify: {
    summary:
      "notifications: signed webhooks and Slack messages for changes and findings (add, list, test, remove)",
    load: async () => (await import("./cli/notify-command.js")).notifyCommand,
  },
  findings: {
    summary: "findings: who is admin, who should not have access, what is wasted (and accept one)",
    load: async () => (await import("./cli/findings-command.js")).findingsCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return `Usage: idc-sync <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun 'idc-sync <command> --help' for a command's options.\n`;
}

/** stdout's width when it is a terminal, else COLUMNS when the caller set it (tables fit it). */
function terminalColumns(): number | undefined {
  if (process.stdout.isTTY === true && process.stdout.columns > 0) return process.stdout.columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    process.stderr.write(`idc-sync: unknown command '${name}'; run 'idc-sync --help' for the list\n`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    process.stderr.write(`idc-sync: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  // `idc-sync users X | head`: a reader that goes away ends the output, not with a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const ctx: CliContext = {
    config,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stderr.isTTY === true,
    columns: terminalColumns(),
    stopSignal: stop.signal,
  };
  try {
    const command = await entry.load();
    return await command(rest, ctx);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
