// One POST to a destination, with node:http(s) rather than fetch: its `lookup` hook lets us judge
// the address a name resolves to, at connect time, so a public name that resolves to a private
// address (DNS rebinding) is refused unless the host is on the operator's allowlist. A timeout
// bounds the whole request. Redirects are not followed at all (a 3xx is a failed attempt): a
// receiver cannot bounce our signed payload to another host. The URL (a Slack webhook URL is a
// secret) and the response body never reach an error message or the log.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { endpointAllowed, type EndpointPattern } from "../domain/endpoint-allowlist.js";
import { isInternalAddress } from "../domain/notifications/destination.js";

export interface SendResult {
  statusCode: number;
  retryAfter: string | undefined;
}

export type Sender = (url: string, body: string, headers: Record<string, string>) => Promise<SendResult>;

export class SendError extends Error {}

export interface HttpSenderOptions {
  timeoutMs: number;
  allowlist: readonly EndpointPattern[];
}

function guardedLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err !== null) return callback(err, "", 0);
      const bad = addresses.find((a) => isInternalAddress(a.address));
      if (bad !== undefined || addresses.length === 0)
        return callback(new SendError("the destination resolves to an internal address"), "", 0);
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

export function httpSender(options: HttpSenderOptions): Sender {
  return (rawUrl, body, headers) =>
    new Promise<SendResult>((resolve, reject) => {
      const url = new URL(rawUrl);
      const allowlisted = endpointAllowed(url.href, options.allowlist);
      if (!allowlisted && url.protocol !== "https:") {
        reject(new SendError("the destination is not https and not on IDC_SYNC_WEBHOOK_ALLOWLIST"));
        return;
      }
      const client = url.protocol === "https:" ? https : http;
      const req = client.request(
        url,
        {
          method: "POST",
          headers: {
            ...headers,
            "content-length": String(Buffer.byteLength(body)),
            "user-agent": "idc-sync-webhooks/1",
          },
          timeout: options.timeoutMs,
          // Allowlisted hosts (the operator's choice, e.g. 127.0.0.1 in tests) skip the address check.
          ...(allowlisted ? {} : { lookup: guardedLookup() }),
        },
        (res) => {
          // The body is read and dropped (a bounded amount), so the socket is released.
          let seen = 0;
          res.on("data", (chunk: Buffer) => {
            seen += chunk.length;
            if (seen > 64 * 1024) res.destroy();
          });
          res.on("end", () => undefined);
          res.on("error", () => undefined);
          const retryAfter: string | undefined = res.headers["retry-after"];
          resolve({ statusCode: res.statusCode ?? 0, retryAfter });
          res.resume();
        },
      );
      const timer = setTimeout(
        () => req.destroy(new SendError(`no answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      req.on("close", () => clearTimeout(timer));
      req.on("timeout", () => req.destroy(new SendError(`no answer within ${options.timeoutMs} ms`)));
      req.on("error", (err: NodeJS.ErrnoException) => {
        // Only our own words or the error code: a system error's message may carry the address.
        reject(err instanceof SendError ? err : new SendError(err.code ?? "the request failed"));
      });
      req.end(body);
    });
}
