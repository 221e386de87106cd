// The CloudTrail event history the sandbox serves through LookupEvents: IAM Identity Center
// sign-ins (Authenticate from sso.amazonaws.com, UserAuthentication from signin.amazonaws.com) and
// portal federations into an account with a permission set (Federate), spread over the 90 days
// before `endMs`, plus failed sign-ins, events of another identity store and malformed events that
// must not count. Events are kept as a few typed arrays (time, kind, user, account/permission-set
// pair) and rendered to CloudTrail JSON only when served, so an M-size history of millions of
// events stays cheap. Everything is derived from a hash of (seed, user, day): the same world,
// seed and `endMs` give the same events. The truth (what the product should conclude) is computed
// from the same arrays by truth() below, in the sandbox's own terms.
import type { SbWorld } from "./model.js";
import { expectedAccess } from "./truth.js";

export const ACTIVITY_DAYS = 90;
const DAY = 86_400;

export interface ActivityOptions {
  /**
   * random (default): per user a recency and an activity rate, some never active; workday: every
   * user signs in once each working day (Monday to Friday) and opens an account half the days (the
   * bench's shape); none: no events.
   */
  pattern?: "random" | "workday" | "none";
  /** End of the 90 generated days, epoch milliseconds. Default: when the sandbox starts. */
  endMs?: number;
  seed?: number;
  /** Share of users with no event at all (random pattern). Default 0.2. */
  neverActiveShare?: number;
  /** Events whose CloudTrailEvent JSON is broken or lacks what a sign-in needs. Default 6. */
  malformedEvents?: number;
  /** Sign-ins that carry another identity store's ARN. Default 3. */
  foreignEvents?: number;
}

/** Event names and sources, by kind. */
export const EVENT_KINDS = [
  { name: "Authenticate", source: "sso.amazonaws.com" },
  { name: "UserAuthentication", source: "signin.amazonaws.com" },
  { name: "Federate", source: "sso.amazonaws.com" },
] as const;
export type EventKindName = (typeof EVENT_KINDS)[number]["name"];

/** Variant of an event: counted, a failed sign-in, malformed, or another identity store's. */
export const VARIANT = { ok: 0, failed: 1, malformed: 2, foreign: 3 } as const;

/** A growable typed array. */
class Column<A extends Uint32Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  at(i: number): number {
    return this.data[i] ?? 0;
  }
}
const u32 = () => new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
const i32 = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));

/** One event as served: what LookupEvents' Event and its CloudTrailEvent are built from. */
export interface SbEvent {
  index: number;
  /** Epoch seconds. */
  time: number;
  kind: number;
  variant: number;
  userId: string;
  userName: string;
  accountId: string | undefined;
  permissionSetName: string | undefined;
}

export interface ActivityTruth {
  /** Every user of the world: the latest counted event, ISO, or null (none in the 90 days). */
  lastSignInAt: Map<string, string | null>;
  /** Every access row ("user\naccount\npermissionSetArn"): the latest Federate into it, or null. */
  lastUsedAt: Map<string, string | null>;
}

export class ActivityLog {
  readonly seed: number;
  readonly endMs: number;
  private readonly time = u32();
  /** kind * 4 + variant. */
  private readonly code = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly user = i32();
  private readonly pair = i32();
  private readonly userIds: string[] = [];
  private readonly userNames: string[] = [];
  private readonly userIndex = new Map<string, number>();
  private readonly pairAccount: string[] = [];
  private readonly pairArn: string[] = [];
  private readonly pairName: string[] = [];
  private readonly pairIndex = new Map<string, number>();
  /** Lookup key ("EventName\0Federate") -> event indices, oldest first. */
  private readonly lists = new Map<string, Column<Int32Array>>();

  constructor(
    private readonly world: SbWorld,
    options: ActivityOptions = {},
  ) {
    this.seed = options.seed ?? 1;
    this.endMs = Math.floor((options.endMs ?? Date.now()) / 1000) * 1000;
    for (const u of world.users) this.userIdx(u.UserId, u.UserName);
    if ((options.pattern ?? "random") !== "none") this.generate(options);
  }

  get size(): number {
    return this.time.length;
  }

  /** Identity store ARN of the world's instance, as CloudTrail writes it in onBehalfOf. */
  identityStoreArn(foreign = false): string {
    const partition = this.world.organization.Arn.split(":")[1] ?? "aws";
    const store = foreign ? "d-0000000000" : this.world.instance.IdentityStoreId;
    return `arn:${partition}:identitystore::${this.world.instance.OwnerAccountId}:identitystore/${store}`;
  }

  /** A uint32 from the seed and `parts`. */
  hash(...parts: number[]): number {
    let h = (0x9e3779b9 ^ this.seed) >>> 0;
    for (const p of parts) {
      h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
    return h >>> 0;
  }

  private unit(...parts: number[]): number {
    return this.hash(...parts) / 4294967296;
  }

  private userIdx(userId: string, userName: string): number {
    let i = this.userIndex.get(userId);
    if (i === undefined) {
      i = this.userIds.length;
      this.userIds.push(userId);
      this.userNames.push(userName);
      this.userIndex.set(userId, i);
    }
    return i;
  }

  private pairIdx(accountId: string, arn: string): number {
    const key = `${accountId}\n${arn}`;
    let i = this.pairIndex.get(key);
    if (i === undefined) {
      i = this.pairAccount.length;
      this.pairAccount.push(accountId);
      this.pairArn.push(arn);
      this.pairName.push(
        this.world.permissionSets.find((p) => p.PermissionSetArn === arn)?.Name ?? "Unknown",
      );
      this.pairIndex.set(key, i);
    }
    return i;
  }

  private push(time: number, kind: number, variant: number, user: number, pair: number): void {
    const index = this.time.length;
    this.time.push(time);
    this.code.push(kind * 4 + variant);
    this.user.push(user);
    this.pair.push(pair);
    const k = EVENT_KINDS[kind] ?? EVENT_KINDS[0];
    for (const key of [`EventName\0${k.name}`, `EventSource\0${k.source}`, "ReadOnly\0false"]) {
      let list = this.lists.get(key);
      if (list === undefined) this.lists.set(key, (list = i32()));
      list.push(index);
    }
  }

  private generate(options: ActivityOptions): void {
    const workday = options.pattern === "workday";
    const never = workday ? 0 : (options.neverActiveShare ?? 0.2);
    // Each user's (account, permission set) pairs, from the access the world grants.
    const pairsOf: number[][] = this.userIds.map(() => []);
    for (const row of expectedAccess(this.world)) {
      const u = this.userIndex.get(row.userId);
      if (u !== undefined) pairsOf[u]?.push(this.pairIdx(row.accountId, row.permissionSetArn));
    }
    const users = this.userIds.length;
    const special = (count: number, salt: number) =>
      Array.from({ length: users === 0 ? 0 : count }, (_, m) => ({
        day: this.hash(m, salt, 1) % ACTIVITY_DAYS,
        user: this.hash(m, salt, 2) % users,
        kind: this.hash(m, salt, 3) % 3,
      }));
    const malformed = special(options.malformedEvents ?? 6, 11);
    const foreign = special(options.foreignEvents ?? 3, 12);
    const endSec = this.endMs / 1000;
    const day: { t: number; kind: number; variant: number; user: number; pair: number }[] = [];
    for (let d = 0; d < ACTIVITY_DAYS; d++) {
      const start = endSec - (ACTIVITY_DAYS - d) * DAY;
      const weekday = new Date(start * 1000).getUTCDay();
      day.length = 0;
      for (let u = 0; u < users; u++) {
        if (never > 0 && this.unit(u, 1) < never) continue;
        if (workday ? weekday === 0 || weekday === 6 : !this.activeOn(u, d)) continue;
        const t = start + 7 * 3600 + Math.floor(this.unit(u, d, 6) * 10 * 3600);
        const kind = this.unit(u, d, 7) < 0.5 ? 0 : 1;
        if (!workday && this.unit(u, d, 10) < 0.05)
          day.push({ t: t - 30, kind, variant: VARIANT.failed, user: u, pair: -1 });
        day.push({ t, kind, variant: VARIANT.ok, user: u, pair: -1 });
        const pairs = pairsOf[u] ?? [];
        const opens = workday ? (this.unit(u, d, 8) < 0.5 ? 1 : 0) : this.unit(u, d, 8) < 0.7 ? 2 : 0;
        for (let f = 0; f < opens && pairs.length > 0; f++) {
          if (f > 0 && this.unit(u, d, 12) < 0.6) break;
          const pair = pairs[this.hash(u, d, 9, f) % pairs.length] ?? -1;
          day.push({
            t: t + 60 + f * 600 + (this.hash(u, d, 13, f) % 540),
            kind: 2,
            variant: 0,
            user: u,
            pair,
          });
        }
      }
      for (const [list, variant] of [
        [malformed, VARIANT.malformed],
        [foreign, VARIANT.foreign],
      ] as const) {
        for (const m of list) {
          if (m.day !== d) continue;
          const pair = m.kind === 2 ? (pairsOf[m.user]?.[0] ?? -1) : -1;
          day.push({
            t: start + 3600 + (this.hash(m.user, d, 14) % 3600),
            kind: pair < 0 ? m.kind % 2 : 2,
            variant,
            user: m.user,
            pair,
          });
        }
      }
      day.sort((a, b) => a.t - b.t);
      for (const e of day) this.push(e.t, e.kind, e.variant, e.user, e.pair);
    }
  }

  /** Random pattern: active on the user's last day, and before it at the user's own rate. */
  private activeOn(u: number, d: number): boolean {
    const r = this.unit(u, 2);
    const spread = this.unit(u, 3);
    const recency =
      r < 0.5
        ? Math.floor(spread * 7)
        : r < 0.75
          ? 7 + Math.floor(spread * 23)
          : 30 + Math.floor(spread * 59);
    const last = ACTIVITY_DAYS - 1 - recency;
    return d === last || (d < last && this.unit(u, d, 5) < 0.05 + this.unit(u, 4) * 0.4);
  }

  /**
   * Appends a counted event at `atMs` (not before the newest event: CloudTrail's history only
   * grows at its end). Federate needs the account and permission set. Returns the event's index.
   */
  record(event: {
    userId: string;
    kind: EventKindName;
    atMs: number;
    accountId?: string;
    permissionSetArn?: string;
  }): number {
    const kind = EVENT_KINDS.findIndex((k) => k.name === event.kind);
    if (kind < 0) throw new Error(`unknown event kind ${event.kind}`);
    const t = Math.floor(event.atMs / 1000);
    if (this.size > 0 && t < this.time.at(this.size - 1)) throw new Error("events can only be appended");
    const user = this.world.users.find((u) => u.UserId === event.userId);
    if (user === undefined) throw Object.assign(new Error(`no user ${event.userId}`), { code: "NOT_FOUND" });
    let pair = -1;
    if (kind === 2) {
      if (event.accountId === undefined || event.permissionSetArn === undefined)
        throw new Error("a Federate event needs accountId and permissionSetArn");
      pair = this.pairIdx(event.accountId, event.permissionSetArn);
    }
    this.push(t, kind, VARIANT.ok, this.userIdx(user.UserId, user.UserName), pair);
    return this.size - 1;
  }

  event(i: number): SbEvent {
    const code = this.code.at(i);
    const u = this.user.at(i);
    const p = this.pair.at(i);
    return {
      index: i,
      time: this.time.at(i),
      kind: code >> 2,
      variant: code & 3,
      userId: this.userIds[u] ?? "",
      userName: this.userNames[u] ?? "",
      accountId: p < 0 ? undefined : this.pairAccount[p],
      permissionSetName: p < 0 ? undefined : this.pairName[p],
    };
  }

  timeOf(i: number): number {
    return this.time.at(i);
  }

  /** Event indices (oldest first) that a lookup attribute selects; undefined: every event. */
  select(
    key: string | undefined,
    value: string | undefined,
  ): (ArrayLike<number> & { length: number }) | undefined {
    if (key === undefined || value === undefined) return undefined;
    if (key === "EventName" || key === "EventSource" || key === "ReadOnly") {
      const list = this.lists.get(`${key}\0${value}`);
      return list === undefined ? new Int32Array(0) : list.data.subarray(0, list.length);
    }
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) {
      if (key === "Username" && this.userNames[this.user.at(i)] === value) out.push(i);
      else if (key === "EventId" && this.eventId(i) === value) out.push(i);
    }
    return out;
  }

  /** A stable UUID-shaped id of event `i`. */
  eventId(i: number, salt = 0): string {
    const h = (n: number) =>
      this.hash(i, 97 + salt, n)
        .toString(16)
        .padStart(8, "0");
    const [a, b, c, d] = [h(1), h(2), h(3), h(4)];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** What the product should conclude from the events of the 90 days before `nowMs`. */
  truth(nowMs: number): ActivityTruth {
    const from = Math.ceil(nowMs / 1000) - ACTIVITY_DAYS * DAY;
    const signIn = new Map<string, number>();
    const used = new Map<string, number>();
    for (let i = 0; i < this.size; i++) {
      const e = this.event(i);
      if (e.variant !== VARIANT.ok || e.time < from) continue;
      signIn.set(e.userId, Math.max(signIn.get(e.userId) ?? 0, e.time));
      if (e.kind === 2) {
        const p = this.pair.at(i);
        const key = `${e.userId}\n${this.pairAccount[p] ?? ""}\n${this.pairArn[p] ?? ""}`;
        used.set(key, Math.max(used.get(key) ?? 0, e.time));
      }
    }
    const iso = (t: number | undefined) => (t === undefined ? null : new Date(t * 1000).toISOString());
    const lastSignInAt = new Map(this.world.users.map((u) => [u.UserId, iso(signIn.get(u.UserId))]));
    const lastUsedAt = new Map<string, string | null>();
    for (const row of expectedAccess(this.world)) {
      const key = `${row.userId}\n${row.accountId}\n${row.permissionSetArn}`;
      lastUsedAt.set(key, iso(used.get(key)));
    }
    return { lastSignInAt, lastUsedAt };
  }
}
