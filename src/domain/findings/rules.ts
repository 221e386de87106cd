// Every rule, in the contract's order.
import type { FindingRule } from "./rule.js";
import { accessAdmin } from "./rules/access-admin.js";
import { accountInactiveWithAccess } from "./rules/account-inactive-with-access.js";
import { assignmentDirectUser } from "./rules/assignment-direct-user.js";
import { assignmentOrphaned } from "./rules/assignment-orphaned.js";
import { groupEmpty } from "./rules/group-empty.js";
import { permissionSetAdminEquivalent } from "./rules/permission-set-admin-equivalent.js";
import { permissionSetIamEscalation } from "./rules/permission-set-iam-escalation.js";
import { permissionSetLongSession } from "./rules/permission-set-long-session.js";
import { permissionSetUnused } from "./rules/permission-set-unused.js";
import { userDisabledWithAccess } from "./rules/user-disabled-with-access.js";
import { userNoAccess } from "./rules/user-no-access.js";
import { userInactive } from "./rules/user-inactive.js";
import { accessUnused } from "./rules/access-unused.js";
import type { FindingRuleId } from "./types.js";

export const RULES: readonly FindingRule[] = [
  permissionSetAdminEquivalent,
  accessAdmin,
  permissionSetIamEscalation,
  userDisabledWithAccess,
  assignmentOrphaned,
  accountInactiveWithAccess,
  assignmentDirectUser,
  userNoAccess,
  groupEmpty,
  permissionSetUnused,
  permissionSetLongSession,
  userInactive,
  accessUnused,
];

const byId = new Map<string, FindingRule>(RULES.map((r) => [r.id, r]));

export function ruleOf(id: FindingRuleId): FindingRule {
  const rule = byId.get(id);
  if (rule === undefined) throw new Error(`unknown finding rule ${id}`);
  return rule;
}
