import { parseConnectionValues } from "../../domain/connection-values.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { allowedEndpointUrl } from "../endpoint-url.js";

export default defineRoute(routes.checkValues, async ({ org, body, deps }) =>
  deps.checkValues(org, parseConnectionValues(body), allowedEndpointUrl(deps, body.endpointUrl)),
);
