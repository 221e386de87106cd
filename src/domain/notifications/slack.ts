// An event as a Slack message (incoming webhooks): blocks with a readable summary, a few of the
// changes in words, and links back into the web app; never raw JSON. Names come from AWS and
// from tenants, so Slack's mrkdwn control characters (&, <, >) are escaped wherever one appears.
import type { ChangeKind } from "../change.js";
import { describeChange } from "../describe-change.js";
import type { NotificationEvent, SyncChangesData, TestData } from "./types.js";

/** Changes written out in the message; the rest are counted and linked. */
export const SLACK_LINES = 10;

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link in mrkdwn: the URL escaped too, and no '|' that would end it early. */
const link = (url: string, label: string): string =>
  `<${escapeMrkdwn(url).replace(/\|/g, "%7C")}|${escapeMrkdwn(label)}>`;

const plain = (text: string, max = 150): { type: "plain_text"; text: string } => ({
  type: "plain_text",
  text: text.length > max ? `${text.slice(0, max - 1)}…` : text,
});

const KIND_WORDS: Partial<Record<ChangeKind, [string, string]>> = {
  "user.added": ["user added", "users added"],
  "user.deleted": ["user deleted", "users deleted"],
  "access.granted": ["access granted", "accesses granted"],
  "access.revoked": ["access revoked", "accesses revoked"],
  "finding.opened": ["finding opened", "findings opened"],
  "finding.resolved": ["finding resolved", "findings resolved"],
};

function summaryLine(data: SyncChangesData): string {
  const parts = Object.entries(data.summary.byKind).map(([kind, n]) => {
    const words = KIND_WORDS[kind as ChangeKind];
    return words === undefined ? `${n} × ${kind}` : `${n} ${n === 1 ? words[0] : words[1]}`;
  });
  return parts.join(", ");
}

/** The message for an event whose links are already absolute (withBaseUrl). */
export function slackMessage(event: NotificationEvent, webBaseUrl: string): SlackMessage {
  if (event.type === "notification.test") {
    const data = event.data as TestData;
    const text = `idc-sync test notification: ${data.message}`;
    return {
      text,
      blocks: [
        { type: "header", text: plain("idc-sync test notification") },
        { type: "section", text: { type: "mrkdwn", text: `${escapeMrkdwn(data.message)}. It works.` } },
        { type: "context", elements: [{ type: "mrkdwn", text: link(webBaseUrl, "Open idc-sync") }] },
      ],
    };
  }
  const data = event.data as SyncChangesData;
  const name = event.connection?.name ?? "a connection";
  const count = data.summary.changes;
  const headline = `${count} ${count === 1 ? "change" : "changes"} in ${name}`;
  const lines = data.changes.slice(0, SLACK_LINES).map((c) => `• ${escapeMrkdwn(describeChange(c))}`);
  const more = count - lines.length;
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: plain(`idc-sync: ${headline}`) },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${link(data.links.web, name)} synced at ${event.occurredAt}: ${escapeMrkdwn(summaryLine(data))}`,
      },
    },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n").slice(0, 2900) } },
  ];
  const context = [link(data.links.web, "See the changes in idc-sync")];
  if (data.summary.findingsOpened > 0) context.push(link(`${webBaseUrl}/findings`, "Open findings"));
  if (more > 0) context.unshift(`…and ${more} more.`);
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: context.join("  ") }] });
  return { text: `idc-sync: ${headline}`, blocks };
}
