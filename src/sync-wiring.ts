// Composition root: binds the engine's one sync wiring (src/engine/sync-read.ts) to the config.
// `createApp` and every CLI command that reads AWS for a connection get their reader and their
// platform side here, so the service and the CLI cannot drift apart.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Config } from "./config.js";
import type { ReadProgress } from "./connectors/aws-identity-center/index.js";
import { readIdentityCenter } from "./connectors/aws-identity-center/index.js";
import { demoPlatformCredentials } from "./demo.js";
import type { Connection } from "./domain/connection.js";
import type { EndpointPattern } from "./domain/endpoint-allowlist.js";
import type { ReadResult } from "./domain/model.js";
import type { ReadOptions } from "./connectors/aws-identity-center/index.js";
import {
  connectionActivityReader,
  connectionReader,
  platformSideFor,
  type PlatformSide,
} from "./engine/sync-read.js";
import { readActivityOnly, type ReadActivityOnlyOptions } from "./connectors/aws-identity-center/index.js";
import type { ActivityReadFn } from "./engine/activity-backfill.js";
import type { ActivityRead } from "./domain/activity.js";
import type { ReadFn } from "./engine/sync-runner.js";

export interface WiringSeams {
  /** The platform's own credentials (tests point them at a sandbox); default the SDK's chain. */
  platformCredentials?: AwsCredentialIdentityProvider | undefined;
  onProgress?: ((connectionId: string, progress: ReadProgress) => void) | undefined;
  /** The connector's read (tests replace it). */
  read?: ((options: ReadOptions) => Promise<ReadResult>) | undefined;
  /**
   * The service passes IDC_SYNC_ENDPOINT_ALLOWLIST: its syncs re-check a stored endpoint before
   * sending anything. CLI commands are the operator's own and pass none.
   */
  endpointAllowlist?: readonly EndpointPattern[] | undefined;
  /** The connector's activity-only read of the backfill turns (tests replace it). */
  readActivity?: ((options: ReadActivityOnlyOptions) => Promise<ActivityRead>) | undefined;
}

export function platformSide(
  config: Config,
  seams: WiringSeams = {},
): (c: Connection | null) => PlatformSide {
  return platformSideFor({
    platformCredentials: seams.platformCredentials,
    platformRoleArn: config.platformRoleArn,
    demoCredentials: demoPlatformCredentials,
  });
}

/** The reader of every sync this process runs. */
export function syncReader(config: Config, seams: WiringSeams = {}): ReadFn {
  return connectionReader({
    platformCredentials: seams.platformCredentials,
    platformRoleArn: config.platformRoleArn,
    demoCredentials: demoPlatformCredentials,
    onProgress: seams.onProgress,
    read: seams.read ?? readIdentityCenter,
    endpointAllowlist: seams.endpointAllowlist,
  });
}

/** The reader of the sign-in history's backfill turns this process runs. */
export function activityReader(config: Config, seams: WiringSeams = {}): ActivityReadFn {
  return connectionActivityReader({
    platformCredentials: seams.platformCredentials,
    platformRoleArn: config.platformRoleArn,
    demoCredentials: demoPlatformCredentials,
    read: seams.readActivity ?? readActivityOnly,
    endpointAllowlist: seams.endpointAllowlist,
  });
}
