// `idc-sync notify add|list|test|remove|deliveries|redeliver` (issue 16): an organization's
// notification subscriptions from the CLI. `add` prints the signing secret once. `test` queues a
// test event and delivers what is due right here (the service would too), then says how it went.
import type { NewAuditEntry } from "../domain/audit.js";
import { CHANGE_KINDS, isChangeKind, type ChangeKind } from "../domain/change.js";
import {
  FINDING_RULES,
  isFindingRule,
  isFindingSeverity,
  type FindingRuleId,
} from "../domain/findings/types.js";
import { assertDestinationAllowed } from "../domain/notifications/destination.js";
import type { Delivery } from "../domain/notifications/types.js";
import { notificationDeliverer } from "../scheduler/notify-dispatch.js";
import type { FullStore } from "../store/store.js";
import type { CliContext, Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  resolveConnection,
  resolveOrganization,
  runStoreCommand,
  table,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync notify add --name NAME --url URL [--slack] [filters] [options]
       idc-sync notify list [options]
       idc-sync notify test SUBSCRIPTION_ID [options]
       idc-sync notify remove SUBSCRIPTION_ID [options]
       idc-sync notify deliveries SUBSCRIPTION_ID [options]
       idc-sync notify redeliver EVENT_ID [options]

add         subscribes a webhook (signed JSON, docs/webhooks.md) or, with --slack, a Slack
            incoming-webhook URL to the changes and findings of every sync; prints the signing
            secret once. Destinations must be public https unless IDC_SYNC_WEBHOOK_ALLOWLIST
            names the host.
list        the subscriptions, enabled or not (a 410 Gone from the receiver disables one).
test        sends a notification.test event now and says what the receiver answered.
remove      deletes a subscription and its delivery log.
deliveries  a subscription's delivery log: status, attempts, last response code and time.
redeliver   sends an event again (same event id).

Filters (add; each repeatable or comma-separated; none means everything):
  --kind KIND           change kinds, e.g. user.added, access.granted, finding.opened
  --rule RULE           finding rules, e.g. access.admin
  --min-severity SEV    high, medium or low: findings below it are left out
  --connection CONN     a connection's id or name
${DATA_HELP}
`;

function cliAudit(
  organizationId: string,
  action: NewAuditEntry["action"],
  target: string,
  details: Record<string, unknown> = {},
): NewAuditEntry {
  return {
    organizationId,
    actor: { via: "cli", tokenId: null, tokenName: null, sessionId: null },
    source: "cli",
    action,
    target,
    details,
  };
}

const list = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");

function kinds(values: string[] | undefined): ChangeKind[] {
  return list(values).map((k) => {
    if (!isChangeKind(k))
      throw new UsageError(`--kind: '${k}' is not a change kind; give one of ${CHANGE_KINDS.join(", ")}`);
    return k;
  });
}

function rules(values: string[] | undefined): FindingRuleId[] {
  return list(values).map((r) => {
    if (!isFindingRule(r))
      throw new UsageError(`--rule: '${r}' is not a finding rule; give one of ${FINDING_RULES.join(", ")}`);
    return r;
  });
}

function deliveryLine(d: Delivery): string[] {
  return [
    d.id,
    d.type,
    d.status,
    String(d.attempts),
    d.lastStatusCode === null ? "-" : String(d.lastStatusCode),
    d.lastAttemptAt ?? "-",
    d.lastError ?? "",
  ];
}

async function sendTest(
  ctx: CliContext,
  store: FullStore,
  orgId: string,
  subscriptionId: string,
): Promise<Delivery> {
  const queued = await store.enqueueTestEvent(orgId, subscriptionId);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  await notificationDeliverer(store, ctx.config.notify, quiet).drain(ctx.stopSignal);
  const page = await store.listDeliveries(orgId, subscriptionId, { limit: 50 });
  return page.items.find((d) => d.id === queued.id) ?? queued;
}

export const notifyCommand: Command = (args, ctx) =>
  runStoreCommand(
    "notify",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      name: { type: "string" },
      url: { type: "string" },
      slack: { type: "boolean" },
      kind: { type: "string", multiple: true },
      rule: { type: "string", multiple: true },
      "min-severity": { type: "string" },
      connection: { type: "string", multiple: true },
    },
    async ({ values, positionals }, open) => {
      const [action, ...rest] = positionals;
      const one = (what: string): string => {
        if (rest.length !== 1 || rest[0] === undefined)
          throw new UsageError(
            `${what}: give the id 'idc-sync notify ${what === "EVENT_ID" ? "deliveries" : "list"}' shows`,
          );
        return rest[0];
      };
      if (action === "add") {
        if (rest.length > 0) throw new UsageError("add takes no positional arguments; give --name and --url");
        const name = values.name?.trim() ?? "";
        if (name === "")
          throw new UsageError("--name: say what the subscription is for, e.g. --name 'security channel'");
        const kind = values.slack === true ? "slack" : "webhook";
        let url: URL;
        try {
          url = assertDestinationAllowed(kind, values.url ?? "", ctx.config.notify.allowlist);
        } catch (err) {
          throw new UsageError(`--${(err as Error).message}`);
        }
        const severity = values["min-severity"];
        if (severity !== undefined && !isFindingSeverity(severity))
          throw new UsageError("--min-severity: give high, medium or low");
        const changeKinds = kinds(values.kind);
        const findingRules = rules(values.rule);
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const connectionIds = [];
        for (const ref of list(values.connection))
          connectionIds.push((await resolveConnection(store, organization.id, ref)).id);
        const { subscription, secret } = await store.createSubscription(organization.id, {
          name,
          kind,
          url: url.href,
          filter: { changeKinds, findingRules, minSeverity: severity ?? null, connectionIds },
        });
        await store.recordAudit(
          cliAudit(organization.id, "notification.subscription_created", subscription.id, {
            name,
            kind,
            host: url.host,
          }),
        );
        if (values.json === true) {
          writeJson(ctx, { subscription, secret });
          return EXIT_OK;
        }
        ctx.stdout.write(
          [
            `Id:       ${subscription.id}`,
            `Name:     ${subscription.name}`,
            `Kind:     ${subscription.kind}`,
            `URL:      ${subscription.url}`,
            `Secret:   ${secret}`,
            "",
            "Keep the secret now: it is not shown again ('idc-sync notify' cannot show it; rotate it in the API or web app).",
            "Receivers verify the Idc-Sync-Signature header with it (docs/webhooks.md).",
            "",
          ].join("\n"),
        );
        return EXIT_OK;
      }
      if (action === "list" && rest.length === 0) {
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const subs = await store.listSubscriptions(organization.id);
        if (values.json === true) {
          writeJson(ctx, subs);
          return EXIT_OK;
        }
        const filterText = (s: (typeof subs)[number]) =>
          [
            s.filter.changeKinds.length > 0 ? `kinds: ${s.filter.changeKinds.join(",")}` : "",
            s.filter.findingRules.length > 0 ? `rules: ${s.filter.findingRules.join(",")}` : "",
            s.filter.minSeverity !== null ? `severity >= ${s.filter.minSeverity}` : "",
            s.filter.connectionIds.length > 0 ? `connections: ${s.filter.connectionIds.length}` : "",
          ]
            .filter((t) => t !== "")
            .join("; ") || "everything";
        ctx.stdout.write(
          table([
            ["ID", "NAME", "KIND", "URL", "FILTER", "STATE"],
            ...subs.map((s) => [
              s.id,
              s.name,
              s.kind,
              s.url,
              filterText(s),
              s.enabled ? "enabled" : `disabled: ${s.disabledReason ?? ""}`,
            ]),
          ]),
        );
        return EXIT_OK;
      }
      if (action === "test") {
        const id = one("SUBSCRIPTION_ID");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        await store.recordAudit(cliAudit(organization.id, "notification.test_sent", id));
        const delivery = await sendTest(ctx, store, organization.id, id);
        if (values.json === true) writeJson(ctx, delivery);
        else if (delivery.status === "delivered")
          ctx.stdout.write(
            `delivered test event ${delivery.id}: the receiver answered ${delivery.lastStatusCode ?? ""}\n`,
          );
        else if (delivery.attempts === 0)
          ctx.stdout.write(
            `test event ${delivery.id} not delivered yet: it waits behind earlier events of this subscription (they go out in order); the service delivers it\n`,
          );
        else
          ctx.stdout.write(
            `test event ${delivery.id} not delivered (${delivery.status}): ${delivery.lastError ?? ""}` +
              (delivery.status === "pending" ? "; the service retries it\n" : "\n"),
          );
        return delivery.status === "delivered" ? EXIT_OK : EXIT_FAILURE;
      }
      if (action === "remove") {
        const id = one("SUBSCRIPTION_ID");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        await store.deleteSubscription(organization.id, id);
        await store.recordAudit(cliAudit(organization.id, "notification.subscription_deleted", id));
        if (values.json === true) writeJson(ctx, { id, removed: true });
        else ctx.stdout.write(`removed subscription ${id}\n`);
        return EXIT_OK;
      }
      if (action === "deliveries") {
        const id = one("SUBSCRIPTION_ID");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const page = await store.listDeliveries(organization.id, id, { limit: 100 });
        if (values.json === true) writeJson(ctx, page.items);
        else
          ctx.stdout.write(
            table([
              ["EVENT", "TYPE", "STATUS", "ATTEMPTS", "LAST CODE", "LAST ATTEMPT", "LAST ERROR"],
              ...page.items.map(deliveryLine),
            ]),
          );
        return EXIT_OK;
      }
      if (action === "redeliver") {
        const id = one("EVENT_ID");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const delivery = await store.redeliver(organization.id, id);
        await store.recordAudit(
          cliAudit(organization.id, "notification.redelivered", delivery.subscriptionId, { eventId: id }),
        );
        if (values.json === true) writeJson(ctx, delivery);
        else ctx.stdout.write(`event ${id} queued again; the service delivers it\n`);
        return EXIT_OK;
      }
      throw new UsageError(
        "expected 'add', 'list', 'test ID', 'remove ID', 'deliveries ID' or 'redeliver EVENT_ID'; run 'idc-sync notify --help'",
      );
    },
  );
