// Options of the generated organization (validated at the boundary: CLI flags, tests, benches).
import { z } from "zod";

export const INSTANCE_ARN_PATTERN =
  /^arn:(aws(?:-[a-z]{1,5}){0,3}):sso:::instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/;
export const IDENTITY_STORE_ID_PATTERN = /^d-[0-9a-f]{10}$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

const count = (max: number) => z.number().int().min(0).max(max);

export const generateOptionsSchema = z
  .strictObject({
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    users: count(1_000_000).default(50),
    groups: count(200_000).default(10),
    /** At least 1: the management account is always among them. */
    accounts: z.number().int().min(1).max(10_000).default(8),
    permissionSets: count(3_500).default(6),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "expected an AWS region name such as us-east-1")
      .default("us-east-1"),
    /** Defaults to the partition of `instanceArn` when given, else "aws". */
    partition: z
      .string()
      .regex(/^aws(-[a-z]{1,5}){0,3}$/, "expected an AWS partition such as aws, aws-cn, aws-us-gov")
      .optional(),
    /** Share of users with UserStatus DISABLED. */
    disabledShare: z.number().min(0).max(1).default(0.1),
    /** Share of users whose UserStatus field is absent (which counts as ENABLED). */
    missingStatusShare: z.number().min(0).max(1).default(0.1),
    /** Average number of groups a user belongs to. */
    groupsPerUser: z.number().min(0).max(1_000).default(2),
    /** Assignments to principals that no longer exist. Default: min(3, provisioned pairs - 1). */
    orphanedAssignments: count(1_000_000).optional(),
    /** Average permission sets provisioned per account. Default: min(permissionSets, 4). */
    provisionedPerAccount: z.number().min(0).max(3_500).optional(),
    /** Average principals assigned per provisioned (account, permission set) pair. */
    assignmentsPerPair: z.number().min(0).max(1_000).default(2),
    /** Share of assignments that go to groups rather than users. */
    groupAssignmentShare: z.number().min(0).max(1).default(0.6),
    /** ACCOUNT instances have no permission sets, provisioning or assignments. */
    instanceType: z.enum(["ORGANIZATION", "ACCOUNT"]).default("ORGANIZATION"),
    /** Extra (account) instances, with their own identity store ids, that ListInstances also returns. */
    otherInstances: count(20).default(0),
    identityStoreId: z
      .string()
      .regex(IDENTITY_STORE_ID_PATTERN, "expected d- followed by 10 lowercase hex digits")
      .optional(),
    instanceArn: z
      .string()
      .regex(INSTANCE_ARN_PATTERN, "expected arn:aws:sso:::instance/ssoins- followed by 16 characters")
      .optional(),
    managementAccountId: z.string().regex(ACCOUNT_ID_PATTERN, "expected 12 digits").optional(),
  })
  .superRefine((o, ctx) => {
    const arnPartition =
      o.instanceArn === undefined ? undefined : INSTANCE_ARN_PATTERN.exec(o.instanceArn)?.[1];
    if (o.partition !== undefined && arnPartition !== undefined && o.partition !== arnPartition) {
      ctx.addIssue({
        code: "custom",
        path: ["instanceArn"],
        message: `its partition '${arnPartition}' differs from partition '${o.partition}'; drop one of them`,
      });
    }
  });

/** What callers pass: every field optional. */
export type GenerateOptions = z.input<typeof generateOptionsSchema>;

export interface ResolvedGenerateOptions extends Omit<
  z.output<typeof generateOptionsSchema>,
  "partition" | "provisionedPerAccount" | "orphanedAssignments"
> {
  partition: string;
  provisionedPerAccount: number;
  /** Undefined: decided once the number of provisioned pairs is known. */
  orphanedAssignments: number | undefined;
}

/** Parses and fills defaults; throws an Error naming the bad option. */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const parsed = generateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(options)";
    throw new Error(`invalid sandbox option '${field}': ${issue?.message ?? "invalid"}`);
  }
  const o = parsed.data;
  const arnPartition =
    o.instanceArn === undefined ? undefined : INSTANCE_ARN_PATTERN.exec(o.instanceArn)?.[1];
  return {
    ...o,
    partition: o.partition ?? arnPartition ?? "aws",
    provisionedPerAccount: o.provisionedPerAccount ?? Math.min(o.permissionSets, 4),
    orphanedAssignments: o.orphanedAssignments,
  };
}
