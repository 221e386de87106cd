// The sandbox's HTTP server: one port for identitystore, sso-admin, organizations (JSON 1.1,
// routed by X-Amz-Target), STS (Query protocol) and the /_sandbox admin routes.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ActivityLog, type ActivityOptions } from "./activity.js";
import { Auth, resolveTrust, type Trust, type TrustOptions } from "./auth.js";
import { Counters } from "./counters.js";
import { FaultInjector, parseFaultsInput, type Faults, type FaultsInput } from "./faults.js";
import { generateWorld, type GenerateOptions } from "./generate.js";
import type { SbWorld } from "./model.js";
import type { OpContext } from "./ops/context.js";
import { WorldIndex } from "./ops/world-index.js";
import { Pager } from "./paging.js";
import { serializationError } from "./protocol/errors.js";
import { sendJsonError } from "./protocol/json.js";
import { handleAdminRequest } from "./server-admin.js";
import { handleJsonRequest, handleQueryRequest, type AwsDeps } from "./server-aws.js";

export interface SandboxOptions {
  /** The organization to serve (mutated in place by /_sandbox/mutate); else one is generated. */
  world?: SbWorld;
  generate?: GenerateOptions;
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  faults?: FaultsInput;
  trust?: TrustOptions;
  /** Default true: identitystore/sso/organizations calls need credentials issued by AssumeRole. */
  requireAssumedRole?: boolean;
  /** Epoch milliseconds; drives credential expiry and rate buckets (tests inject their own). */
  now?: () => number;
  /** Organizations ListAccounts: an empty page (with a NextToken) after every Nth page. Default 3; 0: never. */
  emptyPageEvery?: number;
  /** CloudTrail's event history served by LookupEvents (generated from the world at start). */
  activity?: ActivityOptions;
  /** Called with unexpected errors (sandbox bugs), which are answered as a 500. Default: stderr. */
  onInternalError?: (err: unknown) => void;
}

export interface ConnectValues {
  endpoint: string;
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
  externalId: string;
}

export interface Sandbox {
  readonly url: string;
  readonly world: SbWorld;
  readonly counters: Counters;
  readonly trust: Trust;
  /** CloudTrail's event history and its truth (lastSignInAt, lastUsedAt). */
  readonly activity: ActivityLog;
  /** Merges: given fields replace the current ones. */
  setFaults(faults: FaultsInput): void;
  faults(): Faults;
  connectValues(): ConnectValues;
  close(): Promise<void>;
}

const MAX_AWS_BODY = 1 << 20;
const MAX_ADMIN_BODY = 64 << 20;

/** The body, or undefined when it exceeds `limit` (the rest is drained, not stored). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= limit ? Buffer.concat(chunks, size) : undefined));
    req.on("error", reject);
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const world = options.world ?? generateWorld(options.generate ?? {});
  const now = options.now ?? Date.now;
  const partition = world.organization.Arn.split(":")[1] ?? "aws";
  const trust = resolveTrust(options.trust ?? {}, partition, world.organization.MasterAccountId);
  const auth = new Auth(trust, now, options.requireAssumedRole ?? true);
  const faults = new FaultInjector(now, parseFaultsInput(options.faults ?? {}));
  const counters = new Counters();
  const pager = new Pager();
  const emptyPageEvery = options.emptyPageEvery ?? 3;
  const activity = new ActivityLog(world, { endMs: now(), ...options.activity });
  let index = new WorldIndex(world);
  const context = (): OpContext => {
    if (index.revision !== world.revision) index = new WorldIndex(world);
    return { world, index, pager, emptyPageEvery, activity, now };
  };
  const onInternalError =
    options.onInternalError ??
    ((err: unknown) =>
      process.stderr.write(
        `sandbox: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      ));
  const aws: AwsDeps = { context, auth, faults, counters, now, onInternalError };

  let url = "";
  const connectValues = (): ConnectValues => ({
    endpoint: url,
    roleArn: trust.roleArn,
    region: world.region,
    identityStoreId: world.instance.IdentityStoreId,
    instanceArn: world.instance.InstanceArn,
    externalId: trust.externalId,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/_sandbox/")) {
      const body = await readBody(req, MAX_ADMIN_BODY);
      if (body === undefined) return void res.writeHead(413).end();
      return handleAdminRequest(
        { world, counters, faults, connectValues, activity },
        req.method ?? "GET",
        path,
        body,
        res,
      );
    }
    const requestId = randomUUID();
    const body = await readBody(req, MAX_AWS_BODY);
    if (body === undefined)
      return sendJsonError(res, requestId, serializationError("The request body is too large."));
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") return handleJsonRequest(aws, req, res, body, target, requestId);
    const contentType = req.headers["content-type"] ?? "";
    if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
      return handleQueryRequest(aws, req, res, body, requestId);
    }
    const text = JSON.stringify({
      message: "idc-sync sandbox: send AWS JSON 1.1 (X-Amz-Target) or STS Query requests",
    });
    res.writeHead(404, { "Content-Type": "application/json", "x-amzn-RequestId": requestId }).end(text);
  };

  const server = createServer({ keepAliveTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      onInternalError(err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  return {
    url,
    world,
    counters,
    trust,
    activity,
    setFaults: (input) => faults.set(parseFaultsInput(input)),
    faults: () => faults.current,
    connectValues,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
