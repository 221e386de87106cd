import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { openApiDocument } from "../openapi.js";

export default defineRoute(routes.getOpenApi, ({ deps }) => openApiDocument(deps.version));
