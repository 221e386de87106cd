// A connection's own endpoint URL sends the platform's signed requests wherever it points, so API
// callers (tenants) may set one only within the operator's allowlist (IDC_SYNC_ENDPOINT_ALLOWLIST).
// Refused before anything is sent: the answer cannot tell an open port from a closed one.
import { endpointAllowed, EndpointNotAllowedError } from "../domain/endpoint-allowlist.js";
import { ValidationError } from "../domain/errors.js";
import type { HttpDeps } from "./deps.js";

export function allowedEndpointUrl(deps: HttpDeps, endpointUrl: string | undefined): string | null {
  if (endpointUrl === undefined) return null;
  if (!endpointAllowed(endpointUrl, deps.endpointAllowlist)) {
    throw new ValidationError("endpointUrl", new EndpointNotAllowedError(endpointUrl, false).message);
  }
  return endpointUrl;
}
