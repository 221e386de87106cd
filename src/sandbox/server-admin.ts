// The admin routes, on the AWS port but outside the AWS protocols (no auth, no faults, not counted):
//   GET  /_sandbox/health            world sizes and revision
//   GET  /_sandbox/counters          counters snapshot;   POST /_sandbox/counters/reset
//   POST /_sandbox/mutate            a JSON list of mutations (mutate.ts applyMutations)
//   GET  /_sandbox/faults            current faults;      POST /_sandbox/faults (partial, merged)
//   GET  /_sandbox/connect           the values to connect with
//   POST /_sandbox/activity          appends sign-in / Federate events to CloudTrail's history
import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { ActivityLog } from "./activity.js";
import type { Counters } from "./counters.js";
import { parseFaultsInput, type FaultInjector } from "./faults.js";
import type { SbWorld } from "./model.js";
import { applyMutations } from "./mutate.js";

export interface AdminDeps {
  world: SbWorld;
  counters: Counters;
  faults: FaultInjector;
  connectValues(): object;
  activity: ActivityLog;
}

const activityInput = z.array(
  z.strictObject({
    userId: z.string().min(1),
    kind: z.enum(["Authenticate", "UserAuthentication", "Federate"]),
    /** ISO time; default now. */
    at: z.iso.datetime().optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    permissionSetArn: z.string().min(1).optional(),
  }),
);

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw Object.assign(new Error("the request body is not valid JSON"), { status: 400 });
  }
}

function statusOf(err: unknown): number {
  const code = (err as { code?: unknown }).code;
  if (code === "NOT_FOUND") return 404;
  if (code === "CONFLICT") return 409;
  const status = (err as { status?: unknown }).status;
  return typeof status === "number" ? status : 400;
}

export function handleAdminRequest(
  deps: AdminDeps,
  method: string,
  path: string,
  body: Buffer,
  res: ServerResponse,
): void {
  const w = deps.world;
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case "GET /_sandbox/health":
        return send(res, 200, {
          ok: true,
          revision: w.revision,
          region: w.region,
          sizes: {
            users: w.users.length,
            groups: w.groups.length,
            memberships: w.memberships.length,
            accounts: w.accounts.length,
            permissionSets: w.permissionSets.length,
            assignments: w.assignments.length,
          },
        });
      case "GET /_sandbox/counters":
        return send(res, 200, deps.counters.snapshot());
      case "POST /_sandbox/counters/reset":
        deps.counters.reset();
        return send(res, 200, { ok: true });
      case "POST /_sandbox/mutate": {
        return send(res, 200, { ok: true, ...applyMutations(w, parseJson(body)) });
      }
      case "GET /_sandbox/faults":
        return send(res, 200, deps.faults.current);
      case "POST /_sandbox/faults":
        deps.faults.set(parseFaultsInput(parseJson(body)));
        return send(res, 200, deps.faults.current);
      case "POST /_sandbox/activity": {
        const parsed = activityInput.safeParse(parseJson(body));
        if (!parsed.success)
          throw new Error(`invalid activity: ${parsed.error.issues[0]?.message ?? "invalid"}`);
        const indices = parsed.data.map((e) =>
          deps.activity.record({
            userId: e.userId,
            kind: e.kind,
            atMs: e.at === undefined ? Date.now() : Date.parse(e.at),
            ...(e.accountId === undefined ? {} : { accountId: e.accountId }),
            ...(e.permissionSetArn === undefined ? {} : { permissionSetArn: e.permissionSetArn }),
          }),
        );
        return send(res, 200, { ok: true, eventIds: indices.map((i) => deps.activity.eventId(i)) });
      }
      case "GET /_sandbox/connect":
        return send(res, 200, deps.connectValues());
      default:
        return send(res, 404, { error: `no admin route ${route}` });
    }
  } catch (err) {
    send(res, statusOf(err), { error: err instanceof Error ? err.message : String(err) });
  }
}
