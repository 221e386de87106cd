// What a customer pastes into AWS to let idc-sync read their Identity Center: the permission
// policy, the trust policy and a CloudFormation template creating both. Pure: no AWS call.
import { cloudFormationTemplate, type CloudFormationTemplate } from "./cloudformation.js";
import { permissionPolicy, trustPolicy, type PolicyDocument } from "./policy-documents.js";

export { permissionPolicy, trustPolicy, assertExternalId, assertPrincipalArn } from "./policy-documents.js";
export type { PolicyDocument, PolicyStatement } from "./policy-documents.js";
export { cloudFormationTemplate, type CloudFormationTemplate } from "./cloudformation.js";

export interface SetupAssets {
  externalId: string;
  platformPrincipalArn: string;
  permissionPolicy: PolicyDocument;
  trustPolicy: PolicyDocument;
  cloudFormationTemplate: CloudFormationTemplate;
}

export function setupAssets(options: { externalId: string; platformPrincipalArn: string }): SetupAssets {
  const { externalId, platformPrincipalArn } = options;
  return {
    externalId,
    platformPrincipalArn,
    permissionPolicy: permissionPolicy(),
    trustPolicy: trustPolicy(platformPrincipalArn, externalId),
    cloudFormationTemplate: cloudFormationTemplate({ platformPrincipalArn, externalId }),
  };
}
