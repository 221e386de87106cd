import { describe, expect, it } from "vitest";
import { parseEndpointAllowlist } from "../endpoint-allowlist.js";
import { assertDestinationAllowed, displayUrl, isInternalAddress } from "./destination.js";

describe("notification destinations", () => {
  const none = parseEndpointAllowlist("");
  it("allows public https only by default", () => {
    expect(assertDestinationAllowed("webhook", "https://hooks.example.com/x", none).host).toBe(
      "hooks.example.com",
    );
    for (const bad of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://169.254.169.254/latest",
      "https://[::1]/x",
      "https://localhost/x",
      "https://intranet/x",
      "https://user:pw@hooks.example.com/x",
      "not a url",
    ]) {
      expect(() => assertDestinationAllowed("webhook", bad, none), bad).toThrow(/url/);
    }
  });
  it("admits hosts on the operator's allowlist, http included", () => {
    const local = parseEndpointAllowlist("127.0.0.1:*");
    expect(() => assertDestinationAllowed("webhook", "http://127.0.0.1:9999/hook", local)).not.toThrow();
    expect(() => assertDestinationAllowed("slack", "http://127.0.0.1:9999/services/x", local)).not.toThrow();
    expect(() => assertDestinationAllowed("webhook", "http://10.0.0.1:9999/hook", local)).toThrow(/url/);
  });
  it("takes Slack destinations only at Slack's webhook host", () => {
    expect(() =>
      assertDestinationAllowed("slack", "https://hooks.slack.com/services/T/B/x", none),
    ).not.toThrow();
    expect(() => assertDestinationAllowed("slack", "https://example.com/services/T/B/x", none)).toThrow(
      /Slack/,
    );
  });
  it("judges resolved addresses", () => {
    expect(isInternalAddress("127.0.0.1")).toBe(true);
    expect(isInternalAddress("192.168.1.1")).toBe(true);
    expect(isInternalAddress("fd00::1")).toBe(true);
    expect(isInternalAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isInternalAddress("::1")).toBe(true);
    expect(isInternalAddress("93.184.216.34")).toBe(false);
    expect(isInternalAddress("2606:4700::1111")).toBe(false);
  });
  it("masks secrets in the destination as shown", () => {
    expect(displayUrl("slack", "https://hooks.slack.com/services/T1/B2/secret")).toBe(
      "https://hooks.slack.com/services/…",
    );
    expect(displayUrl("webhook", "https://example.com/h?token=s")).toBe("https://example.com/h?…");
  });
});
