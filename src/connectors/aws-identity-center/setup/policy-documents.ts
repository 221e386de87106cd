// The two IAM policy documents a customer needs: the permission policy (exactly the 20 read-only
// actions) and the trust policy (our principal + their organization's ExternalId). Pure.
import { IAM_ACTIONS, OPTIONAL_EXTRA_ACTIONS, POLICY_ACTIONS } from "../actions.js";
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

/**
 * The optional extras a customer may grant on top of the 20, each as a separate policy (the
 * permission policy above never changes): today sign-in activity, CloudTrail's LookupEvents.
 */
export interface OptionalPolicy {
  key: "signInActivity";
  title: string;
  /** What it adds, and what is missing without it. */
  description: string;
  policy: PolicyDocument;
}

export function optionalPolicies(): OptionalPolicy[] {
  const actions = OPTIONAL_EXTRA_ACTIONS.filter((a) =>
    (IAM_ACTIONS[a].feeds as readonly string[]).includes("signInActivity"),
  );
  return [
    {
      key: "signInActivity",
      title: "Sign-in activity (optional)",
      description:
        "Lets idc-sync read IAM Identity Center sign-ins and portal federations of the last 90 days from CloudTrail's " +
        "event history: each user's last sign-in, each access row's last use, and the user.inactive and access.unused " +
        "findings. Without it, those are not shown and those findings are not raised. Read-only; attach it to the same role.",
      policy: {
        Version: "2012-10-17",
        Statement: [
          { Sid: "IdcSyncOptionalSignInActivity", Effect: "Allow", Action: actions, Resource: "*" },
        ],
      },
    },
  ];
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
