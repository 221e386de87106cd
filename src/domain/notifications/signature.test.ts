import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signPayload, verifySignature } from "./signature.js";

describe("webhook signature", () => {
  it("is an HMAC-SHA256 over timestamp.body that a receiver verifies, and refuses tampering or age", () => {
    const secret = newSigningSecret();
    const body = '{"id":"e1"}';
    const header = signPayload(secret, body, 1_800_000_000);
    const v1 = createHmac("sha256", secret).update(`1800000000.${body}`).digest("hex");
    expect(header).toBe(`t=1800000000,v1=${v1}`);
    expect(verifySignature(secret, body, header, 1_800_000_010)).toBe(true);
    expect(verifySignature(secret, body + " ", header, 1_800_000_010)).toBe(false);
    expect(verifySignature(newSigningSecret(), body, header, 1_800_000_010)).toBe(false);
    expect(verifySignature(secret, body, header, 1_800_001_000)).toBe(false);
    expect(verifySignature(secret, body, "garbage", 1_800_000_000)).toBe(false);
  });
});
