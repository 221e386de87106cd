import { describe, expect, it } from "vitest";
import { endpointAddress, endpointAllowed, parseEndpointAllowlist } from "./endpoint-allowlist.js";

const allowed = (list: string, url: string) => endpointAllowed(url, parseEndpointAllowlist(list));

describe("endpoint allowlist", () => {
  it("an empty allowlist allows nothing", () => {
    expect(parseEndpointAllowlist("")).toEqual([]);
    expect(allowed("", "http://127.0.0.1:4566")).toBe(false);
  });

  it("matches host and port exactly, or any port with *", () => {
    expect(allowed("127.0.0.1:4566", "http://127.0.0.1:4566")).toBe(true);
    expect(allowed("127.0.0.1:4566", "http://127.0.0.1:4567")).toBe(false);
    expect(allowed("127.0.0.1:4566", "http://127.0.0.2:4566")).toBe(false);
    expect(allowed("127.0.0.1:*", "http://127.0.0.1:22")).toBe(true);
    expect(allowed("localhost:*", "http://127.0.0.1:22")).toBe(false);
  });

  it("without a port, only the scheme's default port", () => {
    expect(allowed("sandbox.internal", "https://sandbox.internal")).toBe(true);
    expect(allowed("sandbox.internal", "https://sandbox.internal:443/x")).toBe(true);
    expect(allowed("sandbox.internal", "http://sandbox.internal")).toBe(true);
    expect(allowed("sandbox.internal", "https://sandbox.internal:8443")).toBe(false);
  });

  it("*.domain matches hosts under the domain, not the domain or look-alikes", () => {
    expect(allowed("*.example.internal", "https://a.example.internal")).toBe(true);
    expect(allowed("*.example.internal", "https://a.b.example.internal")).toBe(true);
    expect(allowed("*.example.internal", "https://example.internal")).toBe(false);
    expect(allowed("*.example.internal", "https://evilexample.internal")).toBe(false);
    expect(allowed("*.example.internal", "https://a.example.internal.evil.com")).toBe(false);
  });

  it("compares case-insensitively, takes IPv6 in brackets, several patterns", () => {
    expect(allowed("Sandbox.Internal:4566", "http://SANDBOX.internal:4566")).toBe(true);
    expect(allowed("[::1]:4566", "http://[::1]:4566")).toBe(true);
    expect(allowed("a.internal, 127.0.0.1:4566", "http://127.0.0.1:4566")).toBe(true);
  });

  it("refuses what is not plain http(s) to a listed host", () => {
    expect(allowed("127.0.0.1:*", "ftp://127.0.0.1:21")).toBe(false);
    expect(allowed("127.0.0.1:*", "http://user:pw@127.0.0.1:80")).toBe(false);
    expect(allowed("127.0.0.1:*", "not a url")).toBe(false);
    // Userinfo tricks: the host is what follows the @.
    expect(allowed("trusted.internal", "http://trusted.internal@evil.com")).toBe(false);
  });

  it("names a bad pattern", () => {
    expect(() => parseEndpointAllowlist("http://x")).toThrow(/not a host\[:port\] pattern/);
    expect(() => parseEndpointAllowlist("a.internal:99999")).toThrow(/a.internal:99999/);
    expect(() => parseEndpointAllowlist("a b")).toThrow();
  });

  it("names an endpoint's address without resolving it", () => {
    expect(endpointAddress("https://a.internal/x")).toBe("a.internal:443");
    expect(endpointAddress("http://127.0.0.1:4566")).toBe("127.0.0.1:4566");
  });
});
