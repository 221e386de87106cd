// Lookups over one revision of the world, each built on first use. The server makes a new
// WorldIndex whenever `world.revision` changes, so mutations are seen by the next request.
import type {
  SbAccount,
  SbAssignment,
  SbGroup,
  SbInstance,
  SbMembership,
  SbPermissionSet,
  SbUser,
  SbWorld,
} from "../model.js";

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) out.set(key(item), item);
  return out;
}

export function pairKey(accountId: string, permissionSetArn: string): string {
  return `${accountId}|${permissionSetArn}`;
}

export class WorldIndex {
  readonly revision: number;
  private cache = new Map<string, unknown>();
  /** Serialized JSON of users/groups/memberships (the page fast path), per revision. A Map, not a
   * WeakMap: 100,000 weak entries make every garbage collection slow. */
  readonly json = new Map<object, Buffer>();

  constructor(readonly world: SbWorld) {
    this.revision = world.revision;
  }

  private lazy<T>(name: string, build: () => T): T {
    let value = this.cache.get(name) as T | undefined;
    if (value === undefined) {
      value = build();
      this.cache.set(name, value);
    }
    return value;
  }

  get partition(): string {
    return this.lazy("partition", () => this.world.organization.Arn.split(":")[1] ?? "aws");
  }

  get instancesByArn(): Map<string, SbInstance> {
    return this.lazy("instances", () =>
      byKey([this.world.instance, ...this.world.otherInstances], (i) => i.InstanceArn),
    );
  }

  get identityStoreIds(): Set<string> {
    return this.lazy(
      "stores",
      () => new Set([this.world.instance, ...this.world.otherInstances].map((i) => i.IdentityStoreId)),
    );
  }

  get usersById(): Map<string, SbUser> {
    return this.lazy("usersById", () => byKey(this.world.users, (u) => u.UserId));
  }

  get usersByName(): Map<string, SbUser[]> {
    return this.lazy("usersByName", () => groupBy(this.world.users, (u) => u.UserName));
  }

  get usersByExternalId(): Map<string, SbUser> {
    return this.lazy("usersByExternalId", () => {
      const out = new Map<string, SbUser>();
      for (const u of this.world.users)
        for (const x of u.ExternalIds ?? []) out.set(`${x.Issuer}\n${x.Id}`, u);
      return out;
    });
  }

  get usersByEmail(): Map<string, SbUser[]> {
    return this.lazy("usersByEmail", () => {
      const out = new Map<string, SbUser[]>();
      for (const u of this.world.users) {
        for (const e of u.Emails ?? []) {
          const list = out.get(e.Value);
          if (list === undefined) out.set(e.Value, [u]);
          else list.push(u);
        }
      }
      return out;
    });
  }

  get groupsById(): Map<string, SbGroup> {
    return this.lazy("groupsById", () => byKey(this.world.groups, (g) => g.GroupId));
  }

  get groupsByName(): Map<string, SbGroup[]> {
    return this.lazy("groupsByName", () => groupBy(this.world.groups, (g) => g.DisplayName));
  }

  get groupsByExternalId(): Map<string, SbGroup> {
    return this.lazy("groupsByExternalId", () => {
      const out = new Map<string, SbGroup>();
      for (const g of this.world.groups)
        for (const x of g.ExternalIds ?? []) out.set(`${x.Issuer}\n${x.Id}`, g);
      return out;
    });
  }

  get membershipsByGroup(): Map<string, SbMembership[]> {
    return this.lazy("membershipsByGroup", () => groupBy(this.world.memberships, (m) => m.GroupId));
  }

  get membershipsByUser(): Map<string, SbMembership[]> {
    return this.lazy("membershipsByUser", () => groupBy(this.world.memberships, (m) => m.UserId));
  }

  get accountsById(): Map<string, SbAccount> {
    return this.lazy("accountsById", () => byKey(this.world.accounts, (a) => a.Id));
  }

  get permissionSetsByArn(): Map<string, SbPermissionSet> {
    return this.lazy("psByArn", () => byKey(this.world.permissionSets, (p) => p.PermissionSetArn));
  }

  get permissionSetArns(): string[] {
    return this.lazy("psArns", () => this.world.permissionSets.map((p) => p.PermissionSetArn));
  }

  get assignmentsByPair(): Map<string, SbAssignment[]> {
    return this.lazy("assignmentsByPair", () =>
      groupBy(this.world.assignments, (a) => pairKey(a.AccountId, a.PermissionSetArn)),
    );
  }

  get assignmentsByPrincipal(): Map<string, SbAssignment[]> {
    return this.lazy("assignmentsByPrincipal", () =>
      groupBy(this.world.assignments, (a) => `${a.PrincipalType}|${a.PrincipalId}`),
    );
  }

  /** Permission set ARN -> accounts it is provisioned to, in the accounts' order. */
  get accountsByPermissionSet(): Map<string, string[]> {
    return this.lazy("accountsByPs", () => {
      const out = new Map<string, string[]>();
      for (const account of this.world.accounts) {
        for (const arn of this.world.provisioned[account.Id] ?? []) {
          const list = out.get(arn);
          if (list === undefined) out.set(arn, [account.Id]);
          else list.push(account.Id);
        }
      }
      return out;
    });
  }
}
