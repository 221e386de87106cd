import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getPermissionSet, ({ org, params, deps }) =>
  deps.store.getPermissionSet(org.id, params.connectionId, params.permissionSetArn),
);
