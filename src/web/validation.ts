// Inline checks of the Connect form, the same rules the server applies (it re-checks; its
// errors naming a field are shown next to that field).
import { IDENTITY_CENTER_REGIONS, PARTITIONS } from "../domain/partitions.js";

export interface ConnectFormValues {
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
  name: string;
  /** Advanced: an AWS-compatible endpoint (e.g. the idc-sync sandbox); "" for AWS itself. */
  endpointUrl: string;
}

export type FieldErrors = Partial<Record<keyof ConnectFormValues, string>>;

// The patterns of src/domain/connection-values.ts (validation.test.ts checks that both agree).
const PARTITION_RE = PARTITIONS.join("|");
const ROLE_ARN = new RegExp(
  `^arn:(${PARTITION_RE}):iam::(\\d{12}):role/(?:[\\x21-\\x7E]*/)?[\\w+=,.@-]{1,64}$`,
);
const INSTANCE_ARN = new RegExp(`^arn:(${PARTITION_RE}):sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$`);
const IDENTITY_STORE_ID = /^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Regions grouped by partition, for the Region select. */
export const REGION_GROUPS: { label: string; regions: readonly string[] }[] = [
  { label: "AWS", regions: IDENTITY_CENTER_REGIONS.aws },
  { label: "AWS GovCloud (US)", regions: IDENTITY_CENTER_REGIONS["aws-us-gov"] },
  { label: "AWS China", regions: IDENTITY_CENTER_REGIONS["aws-cn"] },
  { label: "AWS European Sovereign Cloud", regions: IDENTITY_CENTER_REGIONS["aws-eusc"] },
];

function partitionOf(region: string): string | undefined {
  return PARTITIONS.find((p) => IDENTITY_CENTER_REGIONS[p].includes(region));
}

export function validateRoleArn(v: string): string | undefined {
  const s = v.trim();
  if (s === "") return "Enter the ARN of the role idc-sync assumes.";
  if (!ROLE_ARN.test(s))
    return "Expected an IAM role ARN such as arn:aws:iam::123456789012:role/idc-sync-read.";
  return undefined;
}

export function validateRegion(v: string): string | undefined {
  if (v === "") return "Choose the region where IAM Identity Center is enabled.";
  if (partitionOf(v) === undefined) return `${v} has no IAM Identity Center endpoint; choose another region.`;
  return undefined;
}

export function validateIdentityStoreId(v: string): string | undefined {
  const s = v.trim();
  if (s === "") return "Enter the Identity Store ID from IAM Identity Center's settings.";
  if (!IDENTITY_STORE_ID.test(s))
    return "Expected d- followed by 10 lowercase hex digits (e.g. d-906716e1a2) or a UUID.";
  return undefined;
}

export function validateInstanceArn(v: string): string | undefined {
  const s = v.trim();
  if (s === "") return "Enter the Instance ARN from IAM Identity Center's settings.";
  if (!INSTANCE_ARN.test(s)) return "Expected an ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef.";
  return undefined;
}

const ENDPOINT_HINT =
  "Expected an http:// or https:// URL such as http://127.0.0.1:4566, or nothing for AWS.";

/** The server's rule (endpointUrlSchema): empty, or an http(s) URL of at most 2048 characters. */
export function validateEndpointUrl(v: string): string | undefined {
  const s = v.trim();
  if (s === "") return undefined;
  if (s.length > 2048) return "Use at most 2048 characters.";
  if (!URL.canParse(s)) return ENDPOINT_HINT;
  const { protocol } = new URL(s);
  return protocol === "http:" || protocol === "https:" ? undefined : ENDPOINT_HINT;
}

export function validateName(v: string): string | undefined {
  return v.trim().length > 200 ? "Use at most 200 characters." : undefined;
}

/** All field errors; the partition checks run only once each field is well-formed. */
export function validateConnectForm(v: ConnectFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const put = (k: keyof ConnectFormValues, m: string | undefined) => {
    if (m !== undefined) errors[k] = m;
  };
  put("roleArn", validateRoleArn(v.roleArn));
  put("region", validateRegion(v.region));
  put("identityStoreId", validateIdentityStoreId(v.identityStoreId));
  put("instanceArn", validateInstanceArn(v.instanceArn));
  put("name", validateName(v.name));
  put("endpointUrl", validateEndpointUrl(v.endpointUrl));
  const rolePartition = ROLE_ARN.exec(v.roleArn.trim())?.[1];
  const regionPartition = partitionOf(v.region);
  const instancePartition = INSTANCE_ARN.exec(v.instanceArn.trim())?.[1];
  if (errors.region === undefined && rolePartition !== undefined && regionPartition !== rolePartition)
    errors.region = `${v.region} is not in the role's partition (${rolePartition}).`;
  if (errors.instanceArn === undefined && rolePartition !== undefined && instancePartition !== rolePartition)
    errors.instanceArn = `The instance ARN's partition (${instancePartition ?? "?"}) differs from the role's (${rolePartition}).`;
  return errors;
}
