// Shared set-up of the connect-time checks' integration tests: a sandbox, and check options that
// point at it with static platform credentials (any key the sandbox did not issue is the platform).
import { newExternalId } from "../../src/domain/organization.js";
import type { ConnectionCheckOptions } from "../../src/connectors/aws-identity-center/checks.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";

export const PLATFORM_CREDENTIALS = { accessKeyId: "AKIAIDCSYNCCHECKTEST", secretAccessKey: "not-a-secret" };

export interface CheckSandbox {
  sandbox: Sandbox;
  /** The organization's external id: the one the role's trust policy requires. */
  externalId: string;
  options(overrides?: Partial<ConnectionCheckOptions>): ConnectionCheckOptions;
  /** Data-plane calls (identitystore, sso, organizations) the sandbox answered. */
  dataPlaneCalls(): number;
}

export async function startCheckSandbox(options: SandboxOptions = {}): Promise<CheckSandbox> {
  const externalId = newExternalId();
  const sandbox = await startSandbox({
    generate: { users: 6, groups: 3, accounts: 3, permissionSets: 2 },
    ...options,
    trust: { externalId, ...options.trust },
  });
  const cv = sandbox.connectValues();
  return {
    sandbox,
    externalId,
    options: (overrides = {}) => ({
      values: {
        roleArn: cv.roleArn,
        region: cv.region,
        identityStoreId: cv.identityStoreId,
        instanceArn: cv.instanceArn,
      },
      externalId,
      connectionId: "conn-check-test",
      endpointUrl: sandbox.url,
      platformCredentials: PLATFORM_CREDENTIALS,
      ...overrides,
    }),
    dataPlaneCalls: () =>
      Object.entries(sandbox.counters.snapshot().byAction)
        .filter(([action]) => !action.startsWith("sts:"))
        .reduce((sum, [, counts]) => sum + counts.total, 0),
  };
}
