// Who is calling, and the trust policy of the customer's role. The caller is the access key id of
// the SigV4 `Authorization` header. Keys the sandbox did not issue belong to the platform
// principal (idc-sync's own AWS identity); keys issued by AssumeRole are sessions of the role.
// Signatures are verified for issued credentials (the sandbox knows their secret); the
// platform's keys are taken on trust (their secret is not the sandbox's to know).
import { createHash, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  accessDenied,
  expiredToken,
  invalidSignature,
  missingAuthentication,
  unrecognizedClient,
  type ServiceName,
} from "./protocol/errors.js";
import { signatureMatches } from "./sigv4.js";

export interface TrustOptions {
  /** The role customers create; default arn:<partition>:iam::<management account>:role/IdcSyncReadOnly. */
  roleArn?: string;
  /** The sts:ExternalId its trust policy requires; default DEFAULT_EXTERNAL_ID. */
  externalId?: string;
  /** The principal the trust policy names; default arn:<partition>:iam::999999999999:user/idc-sync-platform. */
  platformPrincipalArn?: string;
  /** The unsafe role: a trust policy without an ExternalId condition (any or none accepted). */
  anyExternalId?: boolean;
  /** Caps the lifetime of issued credentials below DurationSeconds (short-lived credentials). */
  sessionSeconds?: number;
  /** When set, only these access key ids count as the platform; others are unrecognised. */
  platformAccessKeyIds?: string[];
}

export interface Trust {
  roleArn: string;
  externalId: string;
  platformPrincipalArn: string;
  anyExternalId: boolean;
  sessionSeconds: number;
  platformAccessKeyIds: Set<string> | undefined;
}

/** Fixed, so `idc-sync sandbox` and demos can be connected to without reading it first. */
export const DEFAULT_EXTERNAL_ID = "idc-sync-sandbox-external-id-7f3c9a2e5b";
export const PLATFORM_ACCOUNT_ID = "999999999999";

export function resolveTrust(options: TrustOptions, partition: string, managementAccountId: string): Trust {
  return {
    roleArn: options.roleArn ?? `arn:${partition}:iam::${managementAccountId}:role/IdcSyncReadOnly`,
    externalId: options.externalId ?? DEFAULT_EXTERNAL_ID,
    platformPrincipalArn:
      options.platformPrincipalArn ?? `arn:${partition}:iam::${PLATFORM_ACCOUNT_ID}:user/idc-sync-platform`,
    anyExternalId: options.anyExternalId ?? false,
    sessionSeconds: options.sessionSeconds ?? 43_200,
    platformAccessKeyIds: options.platformAccessKeyIds ? new Set(options.platformAccessKeyIds) : undefined,
  };
}

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  roleArn: string;
  roleSessionName: string;
  assumedRoleArn: string;
  assumedRoleId: string;
  accountId: string;
}

/** What authentication looks at. */
export interface SignedRequest {
  headers: IncomingHttpHeaders;
  method: string;
  url: string;
  body: Buffer;
}

export type Caller =
  | { kind: "platform"; arn: string; accountId: string; userId: string }
  | { kind: "session"; arn: string; accountId: string; userId: string; session: Session }
  /** No Authorization header, accepted only when authentication is off. */
  | { kind: "anonymous"; arn: string; accountId: string; userId: string };

const CREDENTIAL = /Credential=([A-Za-z0-9]{1,128})\//;
const KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomKey(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += KEY_CHARS[b & 31];
  return out;
}

function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** A stable unique id like AWS's AROA.../AIDA... ids, derived from the ARN. */
function principalId(prefix: string, arn: string): string {
  const digest = createHash("sha256").update(arn).digest();
  let out = prefix;
  for (let i = 0; i < 17; i++) out += KEY_CHARS[(digest[i] ?? 0) & 31];
  return out;
}

const MAX_SESSIONS = 50_000;

export class Auth {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly trust: Trust,
    private readonly now: () => number,
    /** Off: data-plane calls need no issued session (quick tests); STS trust checks still apply. */
    readonly requireAssumedRole: boolean,
  ) {}

  private platform(): Caller {
    const arn = this.trust.platformPrincipalArn;
    return { kind: "platform", arn, accountId: accountOf(arn), userId: principalId("AIDA", arn) };
  }

  /** Identifies the signer of a request; throws the service's authentication error. */
  authenticate(service: ServiceName, request: SignedRequest): Caller {
    const headers = request.headers;
    const authorization = headers.authorization;
    const accessKeyId = typeof authorization === "string" ? CREDENTIAL.exec(authorization)?.[1] : undefined;
    if (accessKeyId === undefined) {
      if (!this.requireAssumedRole) return { ...this.platform(), kind: "anonymous" };
      throw missingAuthentication(service);
    }
    const session = this.sessions.get(accessKeyId);
    if (session !== undefined) {
      if (this.requireAssumedRole || service === "sts") {
        if (headers["x-amz-security-token"] !== session.sessionToken) throw unrecognizedClient(service);
        if (this.now() >= session.expiresAt) throw expiredToken(service);
        if (!signatureMatches(headers, request.method, request.url, request.body, session.secretAccessKey)) {
          throw invalidSignature(service);
        }
      }
      return {
        kind: "session",
        arn: session.assumedRoleArn,
        accountId: session.accountId,
        userId: session.assumedRoleId,
        session,
      };
    }
    if (this.requireAssumedRole) {
      // A session key we never issued (or forgot), or a platform key outside the allow-list.
      if (accessKeyId.startsWith("ASIA")) throw unrecognizedClient(service);
      if (this.trust.platformAccessKeyIds && !this.trust.platformAccessKeyIds.has(accessKeyId)) {
        throw unrecognizedClient(service);
      }
    }
    return this.platform();
  }

  /**
   * The trust policy: only the platform principal may assume the role, and only with the
   * ExternalId it names (unless the role is the unsafe any-ExternalId one). Throws AccessDenied.
   */
  assumeRole(
    caller: Caller,
    roleArn: string,
    roleSessionName: string,
    durationSeconds: number,
    externalId?: string,
  ): Session {
    const trusted =
      caller.kind !== "session" &&
      roleArn === this.trust.roleArn &&
      (this.trust.anyExternalId || externalId === this.trust.externalId);
    if (!trusted) throw accessDenied("sts", caller.arn, "sts:AssumeRole", roleArn);
    const accountId = accountOf(roleArn);
    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    const partition = roleArn.split(":")[1] ?? "aws";
    const session: Session = {
      accessKeyId: randomKey("ASIA", 16),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(96).toString("base64"),
      expiresAt: this.now() + Math.min(durationSeconds, this.trust.sessionSeconds) * 1000,
      roleArn,
      roleSessionName,
      assumedRoleArn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${roleSessionName}`,
      assumedRoleId: `${principalId("AROA", roleArn)}:${roleSessionName}`,
      accountId,
    };
    this.prune();
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** Keeps memory bounded in long runs: forget sessions expired for more than a day. */
  private prune(): void {
    if (this.sessions.size < MAX_SESSIONS) return;
    const cutoff = this.now() - 86_400_000;
    for (const [key, s] of this.sessions) if (s.expiresAt < cutoff) this.sessions.delete(key);
  }
}
