// A connection's own endpoint URL sends the platform's signed requests wherever it points, so API
// callers (tenants) may set one only where the operator allows it (IDC_SYNC_ALLOW_ENDPOINT_URL).
import { ValidationError } from "../domain/errors.js";
import type { HttpDeps } from "./deps.js";

export function allowedEndpointUrl(deps: HttpDeps, endpointUrl: string | undefined): string | null {
  if (endpointUrl === undefined) return null;
  if (!deps.allowEndpointUrl) {
    throw new ValidationError(
      "endpointUrl",
      "endpointUrl: custom AWS endpoints are turned off on this server; leave the field empty, " +
        "or ask the operator to start idc-sync with IDC_SYNC_ALLOW_ENDPOINT_URL=true",
    );
  }
  return endpointUrl;
}
