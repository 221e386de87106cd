import {
  optionalPolicies,
  setupAssets,
  permissionPolicy,
} from "../../connectors/aws-identity-center/setup/policy-assets.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getSetup, async ({ org, deps }) => {
  const principal = await deps.platformPrincipal();
  if (principal.arn === null) {
    return {
      externalId: org.externalId,
      platformPrincipalArn: null,
      problem: principal.problem,
      permissionPolicy: permissionPolicy(),
      trustPolicy: null,
      optionalPolicies: optionalPolicies(),
      cloudFormationTemplate: null,
    };
  }
  const assets = setupAssets({ externalId: org.externalId, platformPrincipalArn: principal.arn });
  return { ...assets, problem: null };
});
