import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getUser, async ({ org, params, deps }) => {
  const detail = await deps.store.getUser(org.id, params.connectionId, params.userId);
  const u = detail.user;
  return {
    user: {
      connectionId: u.connectionId,
      userId: u.userId,
      userName: u.userName,
      displayName: u.displayName,
      givenName: u.givenName,
      familyName: u.familyName,
      emails: u.emails,
      primaryEmail: u.primaryEmail,
      externalIds: u.externalIds,
      status: u.status,
      licenseTypes: u.licenseTypes,
      firstSeenAt: u.firstSeenAt,
      deletedAt: u.deletedAt,
      lastSignInAt: u.lastSignInAt,
    },
    groups: detail.groups,
    access: detail.access,
  };
});
