import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { disposition, dispositionOfError } from "./retry-policy.js";

const failed = (code: string) => ({ state: "failed" as const, error: { code, message: `${code}!` } });

describe("the sync job's retry policy", () => {
  it("completes the job for a succeeded, held or cancelled run", () => {
    expect(disposition({ state: "succeeded", error: null }).kind).toBe("complete");
    expect(
      disposition({ state: "needs_confirmation", error: { code: "drift_protection", message: "" } }).kind,
    ).toBe("complete");
    expect(disposition(failed("cancelled")).kind).toBe("complete");
  });

  it("retries passing failures: throttling, 5xx, a stopped or killed worker, a claim still held", () => {
    for (const code of [
      "throttled",
      "retryable",
      "aborted",
      "sync_abandoned",
      "lease_lost",
      "conflict",
      "internal",
    ]) {
      expect(disposition(failed(code)), code).toEqual({ kind: "retry", code, message: `${code}!` });
    }
  });

  it("fails at once, without retrying, on refusals that waiting does not fix", () => {
    for (const code of [
      "access_denied",
      "validation_error",
      "assume_role_denied",
      "instance_not_found",
      "fatal",
    ]) {
      expect(disposition(failed(code)).kind, code).toBe("fail");
    }
    expect(disposition(failed("sync_memory_limit")).kind).toBe("fail");
  });

  it("classifies errors thrown before a run exists", () => {
    expect(dispositionOfError(new ConflictError("held")).kind).toBe("retry");
    expect(dispositionOfError(new ValidationError("x", "bad")).kind).toBe("fail");
    expect(dispositionOfError(new NotFoundError("gone")).kind).toBe("complete");
    expect(dispositionOfError(new Error("boom"))).toMatchObject({ kind: "retry", code: "internal" });
  });
});
