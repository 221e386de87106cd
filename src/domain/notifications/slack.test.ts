// The Slack format against a recorded expectation: blocks Slack renders (header, mrkdwn sections,
// context), a readable summary and links back into the web app, no raw JSON, and names with
// Slack's control characters escaped.
import { describe, expect, it } from "vitest";
import type { Change } from "../change.js";
import { renderRequest } from "./render.js";
import { escapeMrkdwn } from "./slack.js";
import type { NotificationEvent } from "./types.js";

const change = (id: string, kind: Change["kind"], detail: unknown, ids: Partial<Change> = {}): Change =>
  ({
    id,
    kind,
    at: "2026-12-07T10:00:00.000Z",
    syncRunId: "run-1",
    connectionId: "conn-1",
    userId: null,
    groupId: null,
    accountId: null,
    permissionSetArn: null,
    ...ids,
    detail,
  }) as Change;

const event: NotificationEvent = {
  id: "evt-1",
  type: "sync.changes",
  occurredAt: "2026-12-07T10:00:00.000Z",
  organizationId: "org-1",
  connection: { id: "conn-1", name: "Prod <main> & co" },
  data: {
    syncRunId: "run-1",
    summary: {
      changes: 12,
      findingsOpened: 1,
      findingsResolved: 0,
      byKind: { "user.added": 11, "finding.opened": 1 },
    },
    changes: [
      change(
        "1",
        "user.added",
        { userName: "<!channel>@example.com", displayName: null, status: "ENABLED" },
        { userId: "u1" },
      ),
      change(
        "2",
        "finding.opened",
        {
          findingId: "f1",
          rule: "user.no_access",
          severity: "low",
          subject: { type: "user", id: "u1", name: "a&b" },
          message: "a&b has no access",
        },
        { userId: "u1" },
      ),
    ],
    truncated: true,
    links: {
      api: "/api/changes?connectionId=conn-1&syncRunId=run-1&order=asc",
      web: "/changes?connection=conn-1",
    },
  },
};

/** Recorded: what Slack receives for the event above. */
const EXPECTED = {
  text: "idc-sync: 12 changes in Prod <main> & co",
  blocks: [
    { type: "header", text: { type: "plain_text", text: "idc-sync: 12 changes in Prod <main> & co" } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          "<https://idc.example.com/changes?connection=conn-1|Prod &lt;main&gt; &amp; co> synced at 2026-12-07T10:00:00.000Z: " +
          "11 users added, 1 finding opened",
      },
    },
    {
      type: "section",
      text: { type: "mrkdwn", text: "" },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            "…and 10 more.  <https://idc.example.com/changes?connection=conn-1|See the changes in idc-sync>  " +
            "<https://idc.example.com/findings|Open findings>",
        },
      ],
    },
  ],
};

describe("Slack messages", () => {
  it("renders a sync's event as the recorded blocks, links absolute, names escaped, no JSON", () => {
    const request = renderRequest("slack", event, "whsec_x", "https://idc.example.com/", 1_800_000_000);
    expect(request.headers).toEqual({ "content-type": "application/json" });
    const message = JSON.parse(request.body) as typeof EXPECTED;
    const lines = (message.blocks[2] as { text: { text: string } }).text.text.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("&lt;!channel&gt;@example.com");
    expect(lines[1]).toContain("a&amp;b");
    expect({
      ...message,
      blocks: message.blocks.map((b, i) =>
        i === 2 ? { type: "section", text: { type: "mrkdwn", text: "" } } : b,
      ),
    }).toEqual(EXPECTED);
    for (const block of message.blocks) {
      const text = JSON.stringify(block);
      expect(text).not.toContain('\\"id\\"');
      expect(text).not.toMatch(/\{\\"|"\{/);
    }
    // Every mrkdwn text: < and > only as link brackets, & only in entities.
    const mrkdwn = JSON.stringify(message.blocks)
      .match(/"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)
      ?.join(" ");
    expect(mrkdwn?.replace(/<https:[^<>|]+\|[^<>]+>/g, "")).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
  });

  it("renders a test event, and escapes mrkdwn's control characters", () => {
    const test = renderRequest(
      "slack",
      {
        ...event,
        type: "notification.test",
        connection: null,
        data: { message: "hi <b>", subscriptionId: "s" },
      },
      "x",
      "https://idc.example.com",
      0,
    );
    expect(test.body).toContain("hi &lt;b&gt;");
    expect(escapeMrkdwn("a & <b>")).toBe("a &amp; &lt;b&gt;");
  });
});
