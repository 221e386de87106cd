// Where idc-sync may send a connection's signed AWS requests besides AWS itself (issue 13, M3):
// the operator's allowlist of host[:port] patterns (IDC_SYNC_ENDPOINT_ALLOWLIST). Pure, so the
// API, the sync and (later) notifications' webhooks judge an address the same way.
//
// A pattern is a host and an optional port:
//   sandbox.internal        that host, on the scheme's default port (443 https, 80 http)
//   sandbox.internal:4566   that host and port
//   127.0.0.1:*             that host, any port
//   *.example.internal      any host under that domain (not the domain itself), default port
//   [::1]:4566              an IPv6 address in brackets
// Hosts compare case-insensitively and exactly: no DNS is consulted, so a name resolving to a
// private address is allowed only if the operator listed that name.
import { IdcSyncError } from "./errors.js";

export interface EndpointPattern {
  /** Lower-case host, without brackets for IPv6; "*." prefix for a domain wildcard. */
  host: string;
  /** null: the scheme's default port; "*": any. */
  port: number | "*" | null;
}

export class AllowlistSyntaxError extends Error {}

/**
 * An endpoint outside the allowlist: nothing was sent to it. The message names the address as
 * given and never says whether anything answers there.
 */
export class EndpointNotAllowedError extends IdcSyncError {
  constructor(endpointUrl: string, stored: boolean) {
    super(
      "endpoint_not_allowed",
      `endpointUrl: ${endpointAddress(endpointUrl)} is not on this server's endpoint allowlist, so nothing was sent to it; ` +
        (stored
          ? "the operator must add it to IDC_SYNC_ENDPOINT_ALLOWLIST, or remove the connection's endpoint"
          : "leave the field empty to use AWS itself, or ask the operator to add it to IDC_SYNC_ENDPOINT_ALLOWLIST"),
    );
  }
}

const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\d{1,3}(\.\d{1,3}){3}$/;

export function parseEndpointAllowlist(text: string): EndpointPattern[] {
  const patterns: EndpointPattern[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim().toLowerCase();
    if (item === "") continue;
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}|\*))?$/.exec(item);
    const hostPart = m?.[1];
    const portPart = m?.[2];
    const host = hostPart?.startsWith("[") === true ? hostPart.slice(1, -1) : hostPart;
    const validHost = host !== undefined && (hostPart?.startsWith("[") === true || HOST.test(host));
    const port = portPart === undefined ? null : portPart === "*" ? "*" : Number(portPart);
    if (!validHost || host === undefined || (typeof port === "number" && (port < 1 || port > 65535))) {
      throw new AllowlistSyntaxError(
        `'${raw.trim()}' is not a host[:port] pattern; give e.g. sandbox.internal:4566, 127.0.0.1:*, *.example.internal`,
      );
    }
    patterns.push({ host, port });
  }
  return patterns;
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Whether `endpointUrl` (http or https) is on the allowlist. */
export function endpointAllowed(endpointUrl: string, patterns: readonly EndpointPattern[]): boolean {
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const defaultPort = url.protocol === "https:" ? 443 : 80;
  const port = url.port === "" ? defaultPort : Number(url.port);
  return patterns.some(
    (p) => hostMatches(p.host, host) && (p.port === "*" || (p.port ?? defaultPort) === port),
  );
}

/** host:port of an endpoint as the refusal names it (never whether anything answers there). */
export function endpointAddress(endpointUrl: string): string {
  try {
    const url = new URL(endpointUrl);
    const port = url.port === "" ? (url.protocol === "https:" ? "443" : "80") : url.port;
    return `${url.hostname}:${port}`;
  } catch {
    return "(not a URL)";
  }
}

/** Throws EndpointNotAllowedError unless the endpoint is on the allowlist. */
export function assertEndpointAllowed(
  endpointUrl: string,
  patterns: readonly EndpointPattern[],
  stored: boolean,
): void {
  if (!endpointAllowed(endpointUrl, patterns)) throw new EndpointNotAllowedError(endpointUrl, stored);
}
