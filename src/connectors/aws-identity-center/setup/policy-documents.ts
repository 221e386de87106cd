// The two IAM policy documents a customer needs: the permission policy (exactly the 20 read-only
// actions) and the trust policy (our principal + their organization's ExternalId). Pure.
import { POLICY_ACTIONS } from "../actions.js";
import { ValidationError } from "../../../domain/errors.js";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string | string[];
  Resource?: string;
  Principal?: { AWS: string };
  Condition?: { StringEquals: Record<string, string> };
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

// STS's ExternalId limits (2–1224 characters of [\w+=,.@:/-]).
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
// An IAM role or user, the account root, or an STS federated user: what a trust policy may name.
const PRINCIPAL_ARN_PATTERN =
  /^arn:aws(?:-[a-z]{1,5}){0,3}:(?:iam::\d{12}:(?:root|(?:role|user)\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,64})|sts::\d{12}:federated-user\/[\w+=,.@-]{2,32})$/;

export function assertExternalId(externalId: string, field = "externalId"): void {
  if (!EXTERNAL_ID_PATTERN.test(externalId)) {
    throw new ValidationError(
      field,
      `${field} must be 2 to 1224 characters of letters, digits and + = , . @ : / - (no spaces)`,
    );
  }
}

export function assertPrincipalArn(arn: string, field = "platformPrincipalArn"): void {
  if (!PRINCIPAL_ARN_PATTERN.test(arn)) {
    throw new ValidationError(
      field,
      `${field} must be an IAM role or user ARN such as arn:aws:iam::123456789012:role/idc-sync; got '${arn.slice(0, 200)}'`,
    );
  }
}

/** The read-only permission policy: the 20 actions, sorted, on every resource. */
export function permissionPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "IdcSyncReadIdentityCenter",
        Effect: "Allow",
        Action: [...POLICY_ACTIONS].sort(),
        Resource: "*",
      },
    ],
  };
}

/** The trust policy: only our principal, and only with this organization's ExternalId (confused deputy). */
export function trustPolicy(platformPrincipalArn: string, externalId: string): PolicyDocument {
  assertPrincipalArn(platformPrincipalArn);
  assertExternalId(externalId);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "IdcSyncAssumeRole",
        Effect: "Allow",
        Principal: { AWS: platformPrincipalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}
