import { parseConnectionValues } from "../../domain/connection-values.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.checkValues, async ({ org, body, deps }) =>
  deps.checkValues(org, parseConnectionValues(body), body.endpointUrl ?? null),
);
