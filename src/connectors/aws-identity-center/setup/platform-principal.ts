// The AWS principal idc-sync assumes customer roles from: the ARN a customer's trust policy names.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { FatalError } from "../../../domain/errors.js";
import { assertPrincipalArn } from "./policy-documents.js";

export interface PlatformPrincipalOptions {
  /** IDC_SYNC_PLATFORM_ROLE_ARN (the caller reads the environment): when set, it is the principal. */
  platformRoleArn?: string | undefined;
  /** An STS client to ask (tests); otherwise one on the process's default credential chain. */
  sts?: Pick<STSClient, "send">;
  /** Endpoint for the STS client built here (sandbox); otherwise the SDK's own resolution. */
  endpointUrl?: string;
  region?: string;
}

const ASSUMED_ROLE_ARN =
  /^arn:(aws(?:-[a-z]{1,5}){0,3}):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/[^/]+$/;

/**
 * The IAM ARN a trust policy must name for a caller ARN from GetCallerIdentity. An assumed-role
 * session becomes its role's ARN; IAM users, the root and federated users stay as they are.
 * An assumed-role ARN does not carry the role's path: a role with a path must be given as
 * IDC_SYNC_PLATFORM_ROLE_ARN instead.
 */
export function principalArnFromCallerArn(callerArn: string): string {
  const m = ASSUMED_ROLE_ARN.exec(callerArn);
  const arn = m === null ? callerArn : `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`;
  assertPrincipalArn(arn, "platform principal");
  return arn;
}

export async function resolvePlatformPrincipalArn(options: PlatformPrincipalOptions = {}): Promise<string> {
  if (options.platformRoleArn !== undefined && options.platformRoleArn !== "") {
    assertPrincipalArn(options.platformRoleArn, "IDC_SYNC_PLATFORM_ROLE_ARN");
    return options.platformRoleArn;
  }
  const given = options.sts;
  if (given !== undefined) return principalFrom(() => callerArn(given));
  return principalFrom(async () => {
    try {
      return await withClient(ownClient(options), callerArn);
    } catch (err) {
      // No region anywhere in the process's configuration: STS answers GetCallerIdentity in any
      // region of the partition, so ask us-east-1 rather than fail.
      if (options.region !== undefined || !isRegionMissing(err)) throw err;
      return withClient(ownClient({ ...options, region: "us-east-1" }), callerArn);
    }
  });
}

function ownClient(options: PlatformPrincipalOptions): STSClient {
  return new STSClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
  });
}

async function withClient<T>(client: STSClient, use: (c: STSClient) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

async function callerArn(sts: Pick<STSClient, "send">): Promise<string | undefined> {
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

async function principalFrom(ask: () => Promise<string | undefined>): Promise<string> {
  let arn: string | undefined;
  try {
    arn = await ask();
  } catch (err) {
    throw new FatalError(
      "cannot find idc-sync's own AWS principal (STS GetCallerIdentity failed): configure AWS credentials " +
        "for the process or set IDC_SYNC_PLATFORM_ROLE_ARN",
      { cause: err },
    );
  }
  if (arn === undefined) throw new FatalError("STS GetCallerIdentity returned no Arn");
  return principalArnFromCallerArn(arn);
}

function isRegionMissing(err: unknown): boolean {
  return err instanceof Error && /region is missing/i.test(err.message);
}
