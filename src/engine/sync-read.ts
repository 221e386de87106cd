// Adapts the connector's readIdentityCenter to the runner's ReadFn: the connection's values and
// endpoint, the organization's external id, the platform role.
import type { ReadOptions, ReadProgress } from "../connectors/aws-identity-center/index.js";
import type { Connection } from "../domain/connection.js";
import type { ReadResult } from "../domain/model.js";
import type { ReadFn } from "./sync-runner.js";

export interface ConnectorReadOptions {
  platformRoleArn?: string | undefined;
  onProgress?: (connectionId: string, progress: ReadProgress) => void;
  /** Platform credentials for one connection (the demo's); otherwise the SDK's default chain. */
  platformCredentialsFor?: (connection: Connection) => ReadOptions["platformCredentials"] | undefined;
}

export function connectorRead(
  readIdentityCenter: (options: ReadOptions) => Promise<ReadResult>,
  options: ConnectorReadOptions = {},
): ReadFn {
  return (connection, organization, signal) => {
    const onProgress = options.onProgress;
    const platformCredentials = options.platformCredentialsFor?.(connection);
    return readIdentityCenter({
      values: connection.values,
      externalId: organization.externalId,
      connectionId: connection.id,
      signal,
      ...(options.platformRoleArn === undefined ? {} : { platformRoleArn: options.platformRoleArn }),
      ...(connection.endpointUrl === null ? {} : { endpointUrl: connection.endpointUrl }),
      ...(platformCredentials === undefined ? {} : { platformCredentials }),
      ...(onProgress === undefined ? {} : { onProgress: (p: ReadProgress) => onProgress(connection.id, p) }),
    });
  };
}
