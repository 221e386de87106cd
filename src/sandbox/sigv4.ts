// Checks the SigV4 signature of a request signed with credentials the sandbox issued (it knows
// their secret), so a client that signs with the wrong secret fails as it would on AWS. The
// request time is not checked against the clock: tests move the sandbox's clock freely.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 3986 encoding, as SigV4 wants for the query string. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)].map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return pairs.sort().join("&");
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text.trim().replace(/\s+/g, " ");
}

export function signatureMatches(
  headers: IncomingHttpHeaders,
  method: string,
  url: string,
  body: Buffer,
  secretAccessKey: string,
): boolean {
  const match = AUTH.exec(headerValue(headers, "authorization"));
  const amzDate = headerValue(headers, "x-amz-date");
  if (match === null || amzDate === "") return false;
  const [, , date = "", region = "", service = "", signedHeaders = "", signature = ""] = match;
  const [path = "/", search = ""] = url.split("?", 2);
  const canonicalHeaders = signedHeaders
    .split(";")
    .map((name) => `${name}:${headerValue(headers, name)}\n`)
    .join("");
  const payloadHash = headerValue(headers, "x-amz-content-sha256") || sha256Hex(body);
  const canonicalRequest = [
    method,
    path,
    canonicalQuery(search),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
  const expected = hmac(key, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}
