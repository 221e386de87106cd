// The HTTP request an attempt sends: the versioned JSON event, signed (webhook), or a Slack
// message (slack). Built again at each attempt from the stored event, with a fresh timestamp.
import { withBaseUrl } from "./event.js";
import { SIGNATURE_HEADER, signPayload } from "./signature.js";
import { slackMessage } from "./slack.js";
import type { DestinationKind, NotificationEvent } from "./types.js";

export const WEBHOOK_VERSION = "1";

export interface RenderedRequest {
  body: string;
  headers: Record<string, string>;
}

export function renderRequest(
  kind: DestinationKind,
  event: NotificationEvent,
  secret: string,
  baseUrl: string,
  nowSeconds: number,
): RenderedRequest {
  const absolute = withBaseUrl(event, baseUrl);
  if (kind === "slack") {
    return {
      body: JSON.stringify(slackMessage(absolute, baseUrl.replace(/\/+$/, ""))),
      headers: { "content-type": "application/json" },
    };
  }
  const body = JSON.stringify(absolute);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "idc-sync-event-id": event.id,
      "idc-sync-event-type": event.type,
      "idc-sync-webhook-version": WEBHOOK_VERSION,
      [SIGNATURE_HEADER.toLowerCase()]: signPayload(secret, body, nowSeconds),
    },
  };
}
