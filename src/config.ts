// The process configuration, parsed from the environment by `src/main.ts` (the only reader of
// process.env). AWS SDK variables (AWS_REGION, AWS_ENDPOINT_URL, credentials, ...) are left to the SDK;
// the endpoint variables are also read here so `connect` can store where the connection's AWS is.
import { z } from "zod";
import { parseEndpointAllowlist, type EndpointPattern } from "./domain/endpoint-allowlist.js";

/** A host[:port] allowlist (comma-separated; empty: none), refused whole when a pattern is bad. */
const allowlist = () =>
  z
    .string()
    .default("")
    .transform((v, ctx): EndpointPattern[] => {
      try {
        return parseEndpointAllowlist(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    });

const configSchema = z.object({
  IDC_SYNC_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  IDC_SYNC_PLATFORM_ROLE_ARN: z.string().min(1).optional(),
  IDC_SYNC_PLATFORM_PRINCIPAL_ARN: z
    .string()
    .regex(
      /^arn:aws(-[a-z]+){0,3}:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$|^arn:aws(-[a-z]+){0,3}:iam::\d{12}:root$/,
      "expected the ARN of the IAM role or user idc-sync runs as, e.g. arn:aws:iam::123456789012:role/idc-sync",
    )
    .optional(),
  IDC_SYNC_ADMIN_TOKEN: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  /** Replaced by IDC_SYNC_ENDPOINT_ALLOWLIST: set, it stops the start with what to do instead. */
  IDC_SYNC_ALLOW_ENDPOINT_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined, {
      message:
        "replaced by IDC_SYNC_ENDPOINT_ALLOWLIST, a comma-separated list of host[:port] patterns a connection's endpoint may point at (e.g. 127.0.0.1:4566); unset it",
    }),
  /**
   * Where a connection's own AWS endpoint URL may point (host[:port] patterns, comma-separated;
   * default none): outside it idc-sync sends nothing, to keep tenants from aiming the platform's
   * signed requests at internal services.
   */
  IDC_SYNC_ENDPOINT_ALLOWLIST: allowlist(),
  /**
   * Where notification webhooks may point besides public https (host[:port] patterns, as the
   * endpoint allowlist; default none): loopback and private addresses are refused otherwise.
   */
  IDC_SYNC_WEBHOOK_ALLOWLIST: allowlist(),
  /** The web app's address as people reach it: links in notifications point there. */
  IDC_SYNC_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      message: "expected the web app's base URL, e.g. https://idc-sync.example.com",
    })
    .optional(),
  /** A notification request's timeout. */
  IDC_SYNC_NOTIFY_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(10),
  /** How often the deliverer looks for events another process committed. */
  IDC_SYNC_NOTIFY_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(10),
  /** The first retry's delay (doubled on each further failed attempt, up to an hour). */
  IDC_SYNC_NOTIFY_RETRY_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How long a sync's claim on a connection holds without renewal (the runner's default when
   * unset, 5 minutes): a sync whose process was killed blocks the connection that long.
   */
  /**
   * Which proxies in front of idc-sync to believe (their X-Forwarded-Proto/-For/-Host): "false"
   * (default, none), "true" (any: only when nothing else can reach the port), a number of hops,
   * or a comma-separated list of addresses and CIDR ranges.
   */
  IDC_SYNC_TRUST_PROXY: z
    .string()
    .trim()
    .default("false")
    .transform((v, ctx): boolean | number | string[] => {
      if (v === "false" || v === "0" || v === "") return false;
      if (v === "true") return true;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(",").map((a) => a.trim());
      if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) return list;
      ctx.addIssue({
        code: "custom",
        message:
          "expected false, true, a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.0/8)",
      });
      return z.NEVER;
    }),
  /** A web session unused this long ends (default 120 minutes). */
  IDC_SYNC_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
  /** A web session ends this long after sign-in, used or not (default 12 hours). */
  IDC_SYNC_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  IDC_SYNC_SYNC_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  AWS_ENDPOINT_URL: z.string().optional(),
  /** The heap limit of each sync's worker thread (PostgreSQL job workers). */
  IDC_SYNC_SYNC_MEMORY_MB: z.coerce.number().int().min(16).max(65_536).default(1024),
  /** The PostgreSQL schema of the job queue (pg-boss's tables). */
  IDC_SYNC_QUEUE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "expected a lower-case PostgreSQL schema name, e.g. idc_sync_queue")
    .default("idc_sync_queue"),
  IDC_SYNC_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).max(300).default(2),
  IDC_SYNC_QUEUE_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(3600).default(30),
  IDC_SYNC_QUEUE_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  IDC_SYNC_QUEUE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  IDC_SYNC_QUEUE_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
  /** Days without a sign-in (or use) after which user.inactive (access.unused) reports. */
  IDC_SYNC_INACTIVE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  IDC_SYNC_ORG_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(2),
  IDC_SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(2),
  /** How often the schedule is matched to the stored connections (and due syncs enqueued). */
  IDC_SYNC_SCHEDULE_TICK_SECONDS: z.coerce.number().min(0.2).max(3600).default(60),
});

/** The SDK's per-service endpoint variables for the services a connection calls. */
const SERVICE_ENDPOINT_VARS = [
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_SSO_ADMIN",
  "AWS_ENDPOINT_URL_IDENTITYSTORE",
  "AWS_ENDPOINT_URL_ORGANIZATIONS",
] as const;

/** The job queue's settings (PostgreSQL only; the embedded scheduler ignores them). */
export interface QueueConfig {
  schema: string;
  pollSeconds: number;
  /** A worker that stops heart-beating this long (killed) has its job retried by another. */
  heartbeatSeconds: number;
  /** How often a queue process looks for jobs whose worker stopped heart-beating. */
  superviseSeconds: number;
  /** First retry delay; doubled (with jitter) on every retry. */
  retryDelaySeconds: number;
  retryLimit: number;
  /** Syncs of one organization running at once across all workers (fair share). */
  orgConcurrency: number;
  /** Syncs one `idc-sync worker` runs at once (each in its own thread). */
  workerConcurrency: number;
}

/** Notifications (issue 16). */
export interface NotifyConfig {
  /** IDC_SYNC_PUBLIC_URL, else http://localhost:PORT. */
  baseUrl: string;
  allowlist: EndpointPattern[];
  timeoutMs: number;
  pollMs: number;
  retryBaseMs: number;
}

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  platformRoleArn: string | undefined;
  /**
   * The principal customers' trust policies name (IDC_SYNC_PLATFORM_PRINCIPAL_ARN): known without
   * any AWS call, so the setup documents are complete even without AWS credentials. Defaults to
   * IDC_SYNC_PLATFORM_ROLE_ARN, else the identity of the process's credentials.
   */
  platformPrincipalArn: string | undefined;
  adminToken: string | undefined;
  port: number;
  /** The address the service listens on (HOST; `--host` wins); the start command defaults to 127.0.0.1. */
  host: string | undefined;
  logLevel: string;
  syncLeaseMs: number | undefined;
  /** IDC_SYNC_INACTIVE_DAYS: the inactivity findings' threshold (sign-in activity), default 90. */
  inactivityDays: number;
  /** Web sessions' idle and absolute expiry, in ms. */
  sessionLimits: { idleMs: number; absoluteMs: number };
  /** IDC_SYNC_TRUST_PROXY, as Fastify's trustProxy takes it. */
  trustProxy: boolean | number | string[];
  /** Each sync thread's heap limit (IDC_SYNC_SYNC_MEMORY_MB). */
  syncMemoryMb: number;
  queue: QueueConfig;
  /** How often due syncs are looked for (the schedule refresh). */
  scheduleTickMs: number;
  /** IDC_SYNC_ENDPOINT_ALLOWLIST: where a connection's own endpoint URL may point (empty: nowhere). */
  endpointAllowlist: EndpointPattern[];
  notify: NotifyConfig;
  /**
   * AWS_ENDPOINT_URL as the process sees it (the SDK reads it itself). The CLI's `connect` stores
   * it with the connection: the service that syncs it later may run without it.
   */
  awsEndpointUrl: string | undefined;
  /** The per-service endpoint variables that are set (one endpoint per connection cannot hold them). */
  awsServiceEndpointVars: string[];
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "environment";
    throw new Error(`${field}: ${issue?.message ?? "invalid"}; fix the environment variable and start again`);
  }
  const e = parsed.data;
  if (
    e.IDC_SYNC_PLATFORM_PRINCIPAL_ARN !== undefined &&
    e.IDC_SYNC_PLATFORM_ROLE_ARN !== undefined &&
    e.IDC_SYNC_PLATFORM_PRINCIPAL_ARN !== e.IDC_SYNC_PLATFORM_ROLE_ARN
  ) {
    // With a platform role, trust policies must name that role: a second, different ARN would
    // give customers a trust policy that refuses every sync.
    throw new Error(
      "IDC_SYNC_PLATFORM_PRINCIPAL_ARN: differs from IDC_SYNC_PLATFORM_ROLE_ARN, which is the principal when set; unset one of them",
    );
  }
  return {
    dataDir: e.IDC_SYNC_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    platformRoleArn: e.IDC_SYNC_PLATFORM_ROLE_ARN,
    platformPrincipalArn: e.IDC_SYNC_PLATFORM_PRINCIPAL_ARN ?? e.IDC_SYNC_PLATFORM_ROLE_ARN,
    adminToken: e.IDC_SYNC_ADMIN_TOKEN,
    port: e.PORT,
    host: e.HOST,
    endpointAllowlist: e.IDC_SYNC_ENDPOINT_ALLOWLIST,
    notify: {
      baseUrl: (e.IDC_SYNC_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
      allowlist: e.IDC_SYNC_WEBHOOK_ALLOWLIST,
      timeoutMs: Math.round(e.IDC_SYNC_NOTIFY_TIMEOUT_SECONDS * 1000),
      pollMs: Math.round(e.IDC_SYNC_NOTIFY_POLL_SECONDS * 1000),
      retryBaseMs: Math.round(e.IDC_SYNC_NOTIFY_RETRY_SECONDS * 1000),
    },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.IDC_SYNC_TRUST_PROXY,
    sessionLimits: {
      idleMs: e.IDC_SYNC_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.IDC_SYNC_SESSION_MAX_HOURS * 3_600_000,
    },
    awsEndpointUrl:
      e.AWS_ENDPOINT_URL === undefined || e.AWS_ENDPOINT_URL.trim() === ""
        ? undefined
        : e.AWS_ENDPOINT_URL.trim(),
    awsServiceEndpointVars: SERVICE_ENDPOINT_VARS.filter((v) => (env[v] ?? "").trim() !== ""),
    syncLeaseMs:
      e.IDC_SYNC_SYNC_LEASE_SECONDS === undefined ? undefined : e.IDC_SYNC_SYNC_LEASE_SECONDS * 1000,
    syncMemoryMb: e.IDC_SYNC_SYNC_MEMORY_MB,
    inactivityDays: e.IDC_SYNC_INACTIVE_DAYS,
    queue: {
      schema: e.IDC_SYNC_QUEUE_SCHEMA,
      pollSeconds: e.IDC_SYNC_QUEUE_POLL_SECONDS,
      heartbeatSeconds: e.IDC_SYNC_QUEUE_HEARTBEAT_SECONDS,
      superviseSeconds: e.IDC_SYNC_QUEUE_SUPERVISE_SECONDS,
      retryDelaySeconds: e.IDC_SYNC_QUEUE_RETRY_DELAY_SECONDS,
      retryLimit: e.IDC_SYNC_QUEUE_RETRY_LIMIT,
      orgConcurrency: e.IDC_SYNC_ORG_CONCURRENCY,
      workerConcurrency: e.IDC_SYNC_WORKER_CONCURRENCY,
    },
    scheduleTickMs: Math.round(e.IDC_SYNC_SCHEDULE_TICK_SECONDS * 1000),
  };
}
