// The four values a customer enters to connect an Identity Center instance, validated before any
// AWS call. Each bad value gets a ValidationError naming the field, showing what was given and a
// correct example. Patterns: aws-identity-center.md section 4.
import { z } from "zod";
import { ValidationError } from "./errors.js";
import type { ConnectionValues } from "./model.js";
import { IDENTITY_CENTER_REGIONS, PARTITIONS, isPartition, partitionOfRegion } from "./partitions.js";
import type { Partition } from "./partitions.js";

// Partition facts live in partitions.ts; re-exported so callers need one import.
export type { Partition } from "./partitions.js";
export { IDENTITY_CENTER_REGIONS, PARTITIONS, organizationsRegion } from "./partitions.js";

const PARTITION_RE = PARTITIONS.join("|");
const ROLE_ARN_RE = new RegExp(
  `^arn:(${PARTITION_RE}):iam::(\\d{12}):role/(?:[\\x21-\\x7E]*/)?[\\w+=,.@-]{1,64}$`,
);
const INSTANCE_ARN_RE = new RegExp(`^arn:(${PARTITION_RE}):sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$`);
const IDENTITY_STORE_ID_RE =
  /^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const ROLE_ARN_EXAMPLE = "arn:aws:iam::123456789012:role/IdcSyncReadOnly";
const REGION_EXAMPLE = "us-east-1";
const IDENTITY_STORE_ID_EXAMPLE = "d-1234567890";
const INSTANCE_ARN_EXAMPLE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";

/** Shows a user's value in a message: quoted, control characters escaped, long values cut. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const cut = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return JSON.stringify(cut);
}

function requiredString(label: string, example: string) {
  const missing = `${label} is required: expected e.g. ${example}`;
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(2048, { error: (iss) => `${label} ${shown(iss.input)} is too long: expected e.g. ${example}` });
}

const roleArnSchema = requiredString("Role ARN", ROLE_ARN_EXAMPLE).regex(ROLE_ARN_RE, {
  error: (iss) => `Role ARN ${shown(iss.input)} is not a role ARN: expected ${ROLE_ARN_EXAMPLE}`,
});

function regionSchema(partition: Partition) {
  const regions = IDENTITY_CENTER_REGIONS[partition];
  const example = regions.includes(REGION_EXAMPLE) ? REGION_EXAMPLE : regions[0];
  return requiredString("Region", example ?? REGION_EXAMPLE).refine((r) => regions.includes(r), {
    error: (iss) => {
      const region = String(iss.input);
      const other = partitionOfRegion(region);
      if (regions.length === 0) {
        return `Region ${shown(region)}: IAM Identity Center has no region in partition ${partition} that idc-sync supports`;
      }
      if (other !== undefined) {
        return `Region ${shown(region)} is in partition ${other}, but the role ARN is in partition ${partition}: expected the region of your Identity Center instance in ${partition}, e.g. ${example}`;
      }
      return `Region ${shown(region)} is not an IAM Identity Center region: expected the region where Identity Center is enabled, e.g. ${example}`;
    },
  });
}

const identityStoreIdSchema = requiredString("Identity Store ID", IDENTITY_STORE_ID_EXAMPLE).regex(
  IDENTITY_STORE_ID_RE,
  {
    error: (iss) =>
      `Identity Store ID ${shown(iss.input)} is not an Identity Store ID: expected "d-" and 10 lowercase hex characters, e.g. ${IDENTITY_STORE_ID_EXAMPLE} (IAM Identity Center > Settings)`,
  },
);

function instanceArnSchema(partition: Partition) {
  const example = INSTANCE_ARN_EXAMPLE.replace("arn:aws:", `arn:${partition}:`);
  return requiredString("Instance ARN", example)
    .regex(INSTANCE_ARN_RE, {
      error: (iss) =>
        `Instance ARN ${shown(iss.input)} is not an Identity Center instance ARN: expected ${example} (IAM Identity Center > Settings)`,
    })
    .refine((arn) => arn.split(":")[1] === partition, {
      error: (iss) =>
        `Instance ARN ${shown(iss.input)} is in partition ${String(iss.input).split(":")[1]}, but the role ARN is in partition ${partition}: expected e.g. ${example}`,
    });
}

function parseField<T>(field: keyof ConnectionValues, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(field, result.error.issues[0]?.message ?? `${field} is invalid`);
  }
  return result.data;
}

/**
 * Validates and trims the customer's connection values. Throws a ValidationError for the first bad
 * field, in the order roleArn, region, identityStoreId, instanceArn. The region and the instance ARN
 * must belong to the role ARN's partition.
 */
export function parseConnectionValues(input: unknown): ConnectionValues {
  const parsed = z.looseObject({}).safeParse(input);
  const raw: Record<string, unknown> = parsed.success ? parsed.data : {};
  const roleArn = parseField("roleArn", roleArnSchema, raw.roleArn);
  const partition = partitionOfArn(roleArn);
  const region = parseField("region", regionSchema(partition), raw.region);
  const identityStoreId = parseField("identityStoreId", identityStoreIdSchema, raw.identityStoreId);
  const instanceArn = parseField("instanceArn", instanceArnSchema(partition), raw.instanceArn);
  return { roleArn, region, identityStoreId, instanceArn };
}

function partitionOfArn(arn: string): Partition {
  const partition = arn.split(":")[1] ?? "";
  if (!isPartition(partition)) {
    throw new ValidationError("roleArn", `Role ARN ${shown(arn)} names no known AWS partition`);
  }
  return partition;
}

/** The partition of already-validated connection values (taken from the role ARN). */
export function partitionOf(values: Pick<ConnectionValues, "roleArn">): Partition {
  return partitionOfArn(values.roleArn);
}

/** The 12-digit account id of a role ARN, e.g. "123456789012". Throws for anything but a role ARN. */
export function accountIdOfRoleArn(arn: string): string {
  const match = ROLE_ARN_RE.exec(arn.trim());
  if (match?.[2] === undefined) {
    throw new ValidationError(
      "roleArn",
      `Role ARN ${shown(arn)} is not a role ARN: expected ${ROLE_ARN_EXAMPLE}`,
    );
  }
  return match[2];
}
