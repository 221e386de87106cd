// The built-in demo: when the process has no AWS credentials (or with --demo), `idc-sync start`
// runs the sandbox in-process and connects it as "AWS Identity Center (demo)", so a newcomer sees
// a synced organization at once. Only that connection carries the sandbox's endpoint and the
// dummy platform credentials; every other connection keeps the SDK's own resolution.
import { fromContainerMetadata, fromEnv, fromIni, fromTokenFile } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Organization } from "./domain/organization.js";
import { startSandbox, type GenerateOptions } from "./sandbox/index.js";
import type { Store } from "./store/store.js";

export const DEMO_CONNECTION_NAME = "AWS Identity Center (demo)";

/**
 * What the demo connection's clients sign with: the sandbox takes any key it did not issue as the
 * platform's. A provider returning a fresh object each time (the SDK annotates the object it gets).
 */
export const demoPlatformCredentials: AwsCredentialIdentityProvider = () =>
  Promise.resolve({ accessKeyId: "AKIAIDCSYNCDEMO00000", secretAccessKey: "idc-sync-demo-not-a-secret" });

/** A modest organization: enough to look real, small enough to sync in well under a second. */
export const DEMO_WORLD: GenerateOptions = {
  seed: 20261130,
  users: 120,
  groups: 12,
  accounts: 8,
  permissionSets: 6,
};

export interface Demo {
  connectionId: string;
  endpointUrl: string;
  credentials: AwsCredentialIdentityProvider;
  close(): Promise<void>;
}

const CREDENTIAL_PROBE_MS = 3_000;

async function resolves(provider: AwsCredentialIdentityProvider): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CREDENTIAL_PROBE_MS);
    timer.unref();
  });
  try {
    return await Promise.race([provider().then((c) => c.accessKeyId !== ""), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True when the process has AWS credentials of its own: environment variables, a shared
 * config/credentials profile, a web identity token file or container credentials. The instance
 * metadata service is not probed (off EC2 it only times out); on EC2 without any of these, start
 * with --no-demo.
 */
export async function hasPlatformCredentials(): Promise<boolean> {
  const providers = [
    fromEnv(),
    fromTokenFile(),
    fromContainerMetadata({ timeout: 1000, maxRetries: 0 }),
    fromIni(),
  ];
  for (const provider of providers) if (await resolves(provider)) return true;
  return false;
}

/**
 * Starts the sandbox (trusting the organization's external id) and creates the demo connection,
 * or points the one from an earlier start at the new sandbox address.
 */
export async function startDemo(store: Store, organization: Organization): Promise<Demo> {
  const sandbox = await startSandbox({
    generate: DEMO_WORLD,
    trust: { externalId: organization.externalId },
    host: "127.0.0.1",
    port: 0,
  });
  try {
    const values = sandbox.connectValues();
    const existing = (await store.listConnections(organization.id)).find(
      (c) => c.demo && c.values.instanceArn === values.instanceArn,
    );
    const connection =
      existing === undefined
        ? await store.createConnection(organization.id, {
            values: {
              roleArn: values.roleArn,
              region: values.region,
              identityStoreId: values.identityStoreId,
              instanceArn: values.instanceArn,
            },
            name: DEMO_CONNECTION_NAME,
            endpointUrl: sandbox.url,
            demo: true,
          })
        : await store.updateConnection(organization.id, existing.id, { endpointUrl: sandbox.url });
    return {
      connectionId: connection.id,
      endpointUrl: sandbox.url,
      credentials: demoPlatformCredentials,
      close: () => sandbox.close(),
    };
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}
