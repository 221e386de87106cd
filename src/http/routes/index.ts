// Every route of the API, one file each.
import type { RouteDefinition } from "../define-route.js";
import acceptFinding from "./accept-finding.js";
import cancelSync from "./cancel-sync.js";
import checkConnection from "./check-connection.js";
import checkValues from "./check-values.js";
import createConnection from "./create-connection.js";
import createSession from "./create-session.js";
import createToken from "./create-token.js";
import listAudit from "./list-audit.js";
import listSubscriptions from "./list-subscriptions.js";
import createSubscription from "./create-subscription.js";
import updateSubscription from "./update-subscription.js";
import deleteSubscription from "./delete-subscription.js";
import rotateSubscriptionSecret from "./rotate-subscription-secret.js";
import testSubscription from "./test-subscription.js";
import listDeliveries from "./list-deliveries.js";
import redeliver from "./redeliver.js";
import deleteConnection from "./delete-connection.js";
import deleteSession from "./delete-session.js";
import downloadList from "./download-list.js";
import exportConnection from "./export-connection.js";
import getCapabilities from "./get-capabilities.js";
import getAccount from "./get-account.js";
import getConnection from "./get-connection.js";
import getGroup from "./get-group.js";
import getHealth from "./get-health.js";
import getMetrics from "./get-metrics.js";
import getReady from "./get-ready.js";
import getOpenApi from "./get-openapi.js";
import getPermissionSet from "./get-permission-set.js";
import getSession from "./get-session.js";
import getSetup from "./get-setup.js";
import getUser from "./get-user.js";
import listAccess from "./list-access.js";
import listAccounts from "./list-accounts.js";
import listChanges from "./list-changes.js";
import listConnectionFindings from "./list-connection-findings.js";
import listConnections from "./list-connections.js";
import listGroupMembers from "./list-group-members.js";
import listGroups from "./list-groups.js";
import listFindings from "./list-findings.js";
import listIntegrations from "./list-integrations.js";
import listPermissionSets from "./list-permission-sets.js";
import listSyncRuns from "./list-sync-runs.js";
import listTokens from "./list-tokens.js";
import listUsers from "./list-users.js";
import revokeToken from "./revoke-token.js";
import summarizeAccess from "./summarize-access.js";
import syncNow from "./sync-now.js";
import updateConnection from "./update-connection.js";
import getUsage from "./get-usage.js";

export const allRoutes: RouteDefinition[] = [
  getOpenApi,
  createSession,
  getSession,
  deleteSession,
  listIntegrations,
  getCapabilities,
  getSetup,
  checkValues,
  listConnections,
  createConnection,
  getConnection,
  updateConnection,
  deleteConnection,
  checkConnection,
  syncNow,
  cancelSync,
  listSyncRuns,
  exportConnection,
  summarizeAccess,
  getUsage,
  listAccess,
  getUser,
  listUsers,
  listChanges,
  // Explore: groups, permission sets, accounts, downloads.
  listGroups,
  getGroup,
  listGroupMembers,
  listPermissionSets,
  getPermissionSet,
  listAccounts,
  getAccount,
  downloadList,
  listConnectionFindings,
  listFindings,
  acceptFinding,
  getHealth,
  getReady,
  getMetrics,
  listTokens,
  createToken,
  revokeToken,
  listAudit,
  // Notifications (issue 16).
  listSubscriptions,
  createSubscription,
  updateSubscription,
  deleteSubscription,
  rotateSubscriptionSecret,
  testSubscription,
  listDeliveries,
  redeliver,
];
