// The AWS Query protocol as STS speaks it: form-encoded `Action=...&Version=2011-06-15&...`
// requests, XML replies in the namespace below, errors as <ErrorResponse><Error>...</Error>.
import type { ServerResponse } from "node:http";
import type { AwsError } from "./errors.js";

export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
export const STS_VERSION = "2011-06-15";

/** Escapes text content (the only place values go: no attribute carries caller input). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&amp;"));
}

/** An XML element tree: a string is text content, an object nests elements in key order. */
export type XmlNode = string | number | { [name: string]: XmlNode | undefined };

function render(node: XmlNode): string {
  if (typeof node === "string") return escapeXml(node);
  if (typeof node === "number") return String(node);
  let out = "";
  for (const [name, child] of Object.entries(node)) {
    if (child === undefined) continue;
    out += `<${name}>${render(child)}</${name}>`;
  }
  return out;
}

function send(res: ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, {
    "Content-Type": "text/xml",
    "Content-Length": Buffer.byteLength(xml),
    "x-amzn-RequestId": requestId,
  });
  res.end(xml);
}

export function sendQueryResult(
  res: ServerResponse,
  requestId: string,
  action: string,
  result: XmlNode,
): void {
  const xml =
    `<${action}Response xmlns="${STS_NAMESPACE}">` +
    `<${action}Result>${render(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`;
  send(res, 200, requestId, xml);
}

export function sendQueryError(res: ServerResponse, requestId: string, error: AwsError): void {
  const xml =
    `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
    render({ Error: { Type: error.faultType, Code: error.code, Message: error.message } }) +
    `<RequestId>${requestId}</RequestId></ErrorResponse>\n`;
  send(res, error.status, requestId, xml);
}
