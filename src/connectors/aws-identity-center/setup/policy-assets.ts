// What a customer pastes into AWS to let idc-sync read their Identity Center: the permission
// policy, the trust policy and a CloudFormation template creating both. Pure: no AWS call.
import { cloudFormationTemplate, type CloudFormationTemplate } from "./cloudformation.js";
import {
  optionalPolicies,
  permissionPolicy,
  trustPolicy,
  type OptionalPolicy,
  type PolicyDocument,
} from "./policy-documents.js";

export {
  permissionPolicy,
  trustPolicy,
  optionalPolicies,
  assertExternalId,
  assertPrincipalArn,
} from "./policy-documents.js";
export type { OptionalPolicy, PolicyDocument, PolicyStatement } from "./policy-documents.js";
export { cloudFormationTemplate, type CloudFormationTemplate } from "./cloudformation.js";

export interface SetupAssets {
  externalId: string;
  platformPrincipalArn: string;
  permissionPolicy: PolicyDocument;
  trustPolicy: PolicyDocument;
  /** Separate, optional policies (never part of the permission policy): sign-in activity. */
  optionalPolicies: OptionalPolicy[];
  cloudFormationTemplate: CloudFormationTemplate;
}

export function setupAssets(options: { externalId: string; platformPrincipalArn: string }): SetupAssets {
  const { externalId, platformPrincipalArn } = options;
  return {
    externalId,
    platformPrincipalArn,
    permissionPolicy: permissionPolicy(),
    trustPolicy: trustPolicy(platformPrincipalArn, externalId),
    optionalPolicies: optionalPolicies(),
    cloudFormationTemplate: cloudFormationTemplate({ platformPrincipalArn, externalId }),
  };
}
