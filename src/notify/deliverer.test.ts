// The deliverer's decisions with a fake store and sender: what an answer means (2xx, 410, 3xx,
// 5xx with Retry-After, no answer), when the next attempt is, giving up at the deadline, and
// logs that never carry the URL or the secret. And the sender: redirects come back unfollowed,
// a name resolving to an internal address is refused unless allowlisted.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { AttemptOutcome, DueDelivery } from "../domain/notifications/types.js";
import { parseEndpointAllowlist } from "../domain/endpoint-allowlist.js";
import { Deliverer } from "./deliverer.js";
import type { DeliveryStore } from "./delivery-store.js";
import { httpSender, SendError, type SendResult } from "./http-sender.js";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const SECRET_URL = "https://hooks.slack.com/services/T000/B000/very-secret";

function due(attempt: number, retryUntil = "2026-12-08T12:00:00.000Z"): DueDelivery {
  return {
    delivery: {
      id: "evt-1",
      subscriptionId: "sub-1",
      type: "notification.test",
      connectionId: null,
      syncRunId: null,
      status: "pending",
      attempts: attempt - 1,
      createdAt: NOW.toISOString(),
      nextAttemptAt: NOW.toISOString(),
      lastAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
    },
    event: {
      id: "evt-1",
      type: "notification.test",
      occurredAt: NOW.toISOString(),
      organizationId: "org-1",
      connection: null,
      data: { message: "hi", subscriptionId: "sub-1" },
    },
    url: SECRET_URL,
    kind: "webhook",
    secret: "whsec_topsecret",
    attempt,
    retryUntil,
  };
}

async function attemptWith(answer: SendResult | Error, d = due(1)) {
  const recorded: [AttemptOutcome, string | null][] = [];
  const logs: string[] = [];
  let handed = false;
  const store: DeliveryStore = {
    claimDueDeliveries: () => {
      const out = handed ? [] : [d];
      handed = true;
      return Promise.resolve(out);
    },
    recordDeliveryAttempt: (_id, outcome, next) => {
      recorded.push([outcome, next]);
      return Promise.resolve(d.delivery);
    },
    nextDeliveryDueAt: () => Promise.resolve(null),
  };
  const log = {
    info: (o: object, m: string) => logs.push(JSON.stringify(o) + m),
    warn: (o: object, m: string) => logs.push(JSON.stringify(o) + m),
  };
  const deliverer = new Deliverer({
    store,
    send: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
    baseUrl: "https://idc.example.com",
    timing: { baseMs: 1000, maxMs: 60_000 },
    now: () => NOW,
    random: () => 0,
    log,
  });
  await deliverer.drain();
  for (const line of logs) {
    expect(line).not.toContain("very-secret");
    expect(line).not.toContain("topsecret");
  }
  return recorded[0] as [AttemptOutcome, string | null];
}

describe("the deliverer", () => {
  it("delivers on 2xx and disables on 410", async () => {
    expect((await attemptWith({ statusCode: 202, retryAfter: undefined }))[0]).toEqual({
      result: "delivered",
      statusCode: 202,
    });
    expect((await attemptWith({ statusCode: 410, retryAfter: undefined }))[0]).toEqual({
      result: "gone",
      statusCode: 410,
    });
  });

  it("retries with backoff and jitter, never sooner than Retry-After, and gives up at the deadline", async () => {
    const [first, next1] = await attemptWith({ statusCode: 503, retryAfter: undefined });
    expect(first).toMatchObject({ result: "retry", statusCode: 503 });
    expect(next1).toBe(new Date(NOW.getTime() + 500).toISOString()); // base 1 s, half of it fixed, jitter 0
    const [, next3] = await attemptWith({ statusCode: 500, retryAfter: undefined }, due(3));
    expect(next3).toBe(new Date(NOW.getTime() + 2000).toISOString());
    const [, later] = await attemptWith({ statusCode: 429, retryAfter: "120" });
    expect(later).toBe(new Date(NOW.getTime() + 120_000).toISOString());
    const [gaveUp, none] = await attemptWith(
      { statusCode: 500, retryAfter: undefined },
      due(9, "2026-12-07T12:00:01.000Z"),
    );
    expect(gaveUp.result).toBe("retry");
    expect(none).toBeNull();
  });

  it("does not follow redirects and names no URL in a network error", async () => {
    const [redirect] = await attemptWith({ statusCode: 302, retryAfter: undefined });
    expect(redirect).toMatchObject({ result: "retry", error: "HTTP 302: redirects are not followed" });
    const [refused] = await attemptWith(new SendError("ECONNREFUSED"));
    expect(refused).toMatchObject({ result: "retry", statusCode: null, error: "ECONNREFUSED" });
    const [odd] = await attemptWith(new Error(`connect to ${SECRET_URL} failed`));
    expect(odd).toMatchObject({ error: "the request failed" });
  });
});

describe("the HTTP sender", () => {
  it("returns a redirect as it came (not followed) and refuses internal addresses unless allowlisted", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const allowed = httpSender({ timeoutMs: 2000, allowlist: parseEndpointAllowlist("127.0.0.1:*") });
      expect(await allowed(`http://127.0.0.1:${port}/hook`, "{}", {})).toMatchObject({ statusCode: 302 });
      expect(hits).toBe(1);
      const strict = httpSender({ timeoutMs: 2000, allowlist: [] });
      await expect(strict(`http://127.0.0.1:${port}/hook`, "{}", {})).rejects.toThrow(/not https/);
      await expect(strict(`https://localhost:${port}/hook`, "{}", {})).rejects.toThrow(/internal address/);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
