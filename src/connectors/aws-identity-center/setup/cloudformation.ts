// A CloudFormation template (JSON) that creates, in the customer's management account, the
// read-only managed policy and the role idc-sync assumes. Pure.
import { ValidationError } from "../../../domain/errors.js";
import { optionalPolicies, permissionPolicy, trustPolicy, type PolicyDocument } from "./policy-documents.js";

type PolicyRef =
  | { Ref: "IdcSyncReadOnlyPolicy" }
  | { "Fn::If": ["SignInActivity", { Ref: "IdcSyncSignInActivityPolicy" }, { Ref: "AWS::NoValue" }] };

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Parameters: {
    EnableSignInActivity: {
      Type: "String";
      AllowedValues: ["false", "true"];
      Default: "false";
      Description: string;
    };
  };
  Conditions: { SignInActivity: { "Fn::Equals": [{ Ref: "EnableSignInActivity" }, "true"] } };
  Resources: {
    IdcSyncReadOnlyPolicy: {
      Type: "AWS::IAM::ManagedPolicy";
      Properties: { Description: string; PolicyDocument: PolicyDocument };
    };
    /** Optional, a separate policy: created only with EnableSignInActivity=true. */
    IdcSyncSignInActivityPolicy: {
      Type: "AWS::IAM::ManagedPolicy";
      Condition: "SignInActivity";
      Properties: { Description: string; PolicyDocument: PolicyDocument };
    };
    IdcSyncRole: {
      Type: "AWS::IAM::Role";
      Properties: {
        RoleName?: string;
        Description: string;
        AssumeRolePolicyDocument: PolicyDocument;
        ManagedPolicyArns: PolicyRef[];
        MaxSessionDuration: 3600;
      };
    };
  };
  Outputs: {
    RoleArn: { Description: string; Value: { "Fn::GetAtt": ["IdcSyncRole", "Arn"] } };
  };
}

const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

export function cloudFormationTemplate(options: {
  platformPrincipalArn: string;
  externalId: string;
  /** A fixed role name; without it CloudFormation generates one (no clash with an existing role). */
  roleName?: string;
}): CloudFormationTemplate {
  const { platformPrincipalArn, externalId, roleName } = options;
  if (roleName !== undefined && !ROLE_NAME_PATTERN.test(roleName)) {
    throw new ValidationError(
      "roleName",
      "roleName must be 1 to 64 characters of letters, digits and + = , . @ _ -",
    );
  }
  const activity = optionalPolicies()[0];
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description:
      "idc-sync: a read-only role for IAM Identity Center (users, groups, permission sets, accounts, assignments). " +
      "Deploy in the management account.",
    Parameters: {
      EnableSignInActivity: {
        Type: "String",
        AllowedValues: ["false", "true"],
        Default: "false",
        Description:
          "Optional: also allow cloudtrail:LookupEvents, so that idc-sync shows last sign-ins and last use (CloudTrail's 90 days)",
      },
    },
    Conditions: { SignInActivity: { "Fn::Equals": [{ Ref: "EnableSignInActivity" }, "true"] } },
    Resources: {
      IdcSyncReadOnlyPolicy: {
        Type: "AWS::IAM::ManagedPolicy",
        Properties: {
          Description:
            "idc-sync: read-only access to IAM Identity Center, the Identity Store and Organizations",
          PolicyDocument: permissionPolicy(),
        },
      },
      IdcSyncSignInActivityPolicy: {
        Type: "AWS::IAM::ManagedPolicy",
        Condition: "SignInActivity",
        Properties: {
          Description: activity?.description ?? "idc-sync: optional sign-in activity",
          PolicyDocument: activity?.policy ?? { Version: "2012-10-17", Statement: [] },
        },
      },
      IdcSyncRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          ...(roleName === undefined ? {} : { RoleName: roleName }),
          Description: "Assumed by idc-sync with your organization's ExternalId to read IAM Identity Center",
          AssumeRolePolicyDocument: trustPolicy(platformPrincipalArn, externalId),
          ManagedPolicyArns: [
            { Ref: "IdcSyncReadOnlyPolicy" },
            { "Fn::If": ["SignInActivity", { Ref: "IdcSyncSignInActivityPolicy" }, { Ref: "AWS::NoValue" }] },
          ],
          MaxSessionDuration: 3600,
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: "Enter this Role ARN in idc-sync when you connect",
        Value: { "Fn::GetAtt": ["IdcSyncRole", "Arn"] },
      },
    },
  };
}
