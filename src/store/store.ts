// The store: one interface per user of it (ports), implemented together by KyselyStore on SQLite
// and PostgreSQL (kysely-store.ts); the conformance suite in test/store/ runs against both. Every
// method that takes a connection id also takes the organization id and finds nothing
// (NotFoundError) outside that organization.
//   TenancyPort      organizations and tokens (tenancy-port.ts)
//   ConnectionsPort  connections and their runs (connections-port.ts)
//   DirectoryPort    the surfaces' queries (directory-port.ts)
//   FindingsPort     findings for the surfaces (findings-port.ts)
//   NotificationsPort subscriptions and delivery logs; OutboxPort what the deliverer drains
//   SyncPort         the sync's claim, load, commit and finish (sync-port.ts): what the engine's
//                    own port (src/engine/sync-store.ts) asks for. Surfaces hold a Store, which
//                    leaves it out, so only the engine writes a sync.
import type { DialectName } from "./dialect.js";
import type { ConnectionsPort } from "./connections-port.js";
import type { DirectoryPort } from "./directory-port.js";
import type { FindingsPort } from "./findings-port.js";
import type { SyncPort } from "./sync-port.js";
import type { TenancyPort } from "./tenancy-port.js";
import type { SecurityPort } from "./security-port.js";
import type { RunControlPort } from "./run-control-port.js";
import type { AuditPort } from "./audit-port.js";
import type { NotificationsPort, OutboxPort } from "./notifications-port.js";

export type * from "./read-models.js";
export type { ConnectionsPort } from "./connections-port.js";
export type { DirectoryPort } from "./directory-port.js";
export type { SyncPort } from "./sync-port.js";
export type { TenancyPort } from "./tenancy-port.js";
export type {
  AccessKey,
  ClaimOptions,
  StateWrites,
  StoredAccess,
  StoredState,
  StoredUser,
  SyncCommit,
  SyncFinish,
  UserScopedState,
} from "../domain/sync-state.js";
import type { ActivityPort } from "./activity-port.js";

/** What the surfaces (API, web, CLI, scheduler) use. */
export interface Store
  extends
    TenancyPort,
    ConnectionsPort,
    DirectoryPort,
    FindingsPort,
    SecurityPort,
    RunControlPort,
    AuditPort,
    NotificationsPort,
    OutboxPort,
    ActivityPort {
  readonly dialect: DialectName;
  close(): Promise<void>;
}

/** Everything one KyselyStore implements: the surfaces' Store and the sync's port. */
export interface FullStore extends Store, SyncPort {}

/** Test seams. */
export interface StoreHooks {
  /** Called inside the commit transaction after each written batch; a throw rolls the commit back. */
  afterCommitBatch?: (table: string, rows: number) => void | Promise<void>;
}
