// Where a subscription may send (issue 16, safety): by default only public https destinations,
// never loopback, private, link-local or otherwise internal addresses; the operator's allowlist
// (IDC_SYNC_WEBHOOK_ALLOWLIST, host[:port] patterns as in endpoint-allowlist.ts) admits more,
// e.g. 127.0.0.1:* in tests. A name is judged here by its text; the sender judges the address it
// resolves to again at every attempt (src/notify/http-sender.ts), so DNS cannot point it inward.
import { BlockList, isIP } from "node:net";
import { endpointAllowed, type EndpointPattern } from "../endpoint-allowlist.js";
import { ValidationError } from "../errors.js";
import type { DestinationKind } from "./types.js";

const internal = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  internal.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(net, bits, "ipv6");

/** Whether an IP address is loopback, private, link-local, multicast or otherwise not public. */
export function isInternalAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as its IPv4 address (BlockList also matches
  // IPv4 addresses against mapped ranges, so those ranges cannot be listed as IPv6 here).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] !== undefined) return isInternalAddress(mapped[1]);
  return internal.check(ip, family === 4 ? "ipv4" : "ipv6");
}

const SLACK_HOST = "hooks.slack.com";

/** Throws a ValidationError naming `url` unless the destination may be used. */
export function assertDestinationAllowed(
  kind: DestinationKind,
  raw: string,
  allowlist: readonly EndpointPattern[],
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError(
      "url",
      "url must be an absolute https URL, e.g. https://example.com/hooks/idc-sync",
    );
  }
  if (url.username !== "" || url.password !== "")
    throw new ValidationError(
      "url",
      "url must not carry a user name or password; put a token in the path instead",
    );
  if (endpointAllowed(url.href, allowlist)) return url;
  if (url.protocol !== "https:")
    throw new ValidationError(
      "url",
      "url must use https (http only for hosts on IDC_SYNC_WEBHOOK_ALLOWLIST)",
    );
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (kind === "slack" && host !== SLACK_HOST)
    throw new ValidationError(
      "url",
      `a Slack destination must be a Slack incoming-webhook URL (https://${SLACK_HOST}/services/...)`,
    );
  const internalName = host === "localhost" || host.endsWith(".localhost") || !host.includes(".");
  if (internalName || (isIP(host) !== 0 && isInternalAddress(host)))
    throw new ValidationError(
      "url",
      "url points at a loopback, private or internal address; only public https destinations are allowed unless the operator adds the host to IDC_SYNC_WEBHOOK_ALLOWLIST",
    );
  return url;
}

/** The destination as lists show it: no query, Slack's secret path masked. */
export function displayUrl(kind: DestinationKind, raw: string): string {
  try {
    const url = new URL(raw);
    if (kind === "slack") return `${url.origin}/services/…`;
    return `${url.origin}${url.pathname}${url.search === "" ? "" : "?…"}`;
  } catch {
    return "(invalid URL)";
  }
}
