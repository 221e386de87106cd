import { describe, expect, it } from "vitest";
import { AccessDeniedError, FatalError, NotFoundError } from "../../domain/errors.js";
import { DENIED, ReadContext, awsErrorName, type ReadClients } from "./read-context.js";

const values = {
  roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
  region: "us-east-1",
  identityStoreId: "d-1234567890",
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
};

function context(signal = new AbortController().signal, progress: unknown[] = []): ReadContext {
  return new ReadContext({} as ReadClients, values, signal, (p) => progress.push(p));
}

const denied = (action: string) => new AccessDeniedError(action, `AWS denied ${action}`);

describe("ReadContext", () => {
  it("turns a denied optional call into one warning and skips the action afterwards", async () => {
    const ctx = context();
    let calls = 0;
    const run = () => {
      calls++;
      return Promise.reject(denied("sso:ListTagsForResource"));
    };
    expect(await ctx.optional("sso:ListTagsForResource", "Tags are missing", run)).toBe(DENIED);
    expect(await ctx.optional("sso:ListTagsForResource", "Tags are missing", run)).toBe(DENIED);
    expect(calls).toBe(1);
    expect(ctx.warnings).toEqual([
      {
        code: "access_denied",
        action: "sso:ListTagsForResource",
        message: "Tags are missing (AWS denied sso:ListTagsForResource)",
      },
    ]);
    expect(ctx.isDenied("sso:ListTagsForResource")).toBe(true);
  });

  it("throws other failures of optional policy actions, and every failure of required ones", async () => {
    const ctx = context();
    const fatal = new FatalError("boom");
    await expect(ctx.optional("sso:ListTagsForResource", "x", () => Promise.reject(fatal))).rejects.toBe(
      fatal,
    );
    const refused = denied("identitystore:ListUsers");
    await expect(ctx.call("identitystore:ListUsers", () => Promise.reject(refused))).rejects.toBe(refused);
    expect(ctx.warnings).toEqual([]);
  });

  it("never lets an optional extra fail the read: any failure but not-found becomes one warning", async () => {
    const ctx = context();
    const broken = () => Promise.reject(new FatalError("sso:DescribeInstance failed: an HTML page"));
    expect(await ctx.optional("sso:DescribeInstance", "Unknown", broken)).toBe(DENIED);
    expect(await ctx.optional("sso:DescribeInstance", "Unknown", broken)).toBe(DENIED);
    expect(ctx.warnings).toEqual([
      {
        code: "optional_failed",
        action: "sso:DescribeInstance",
        message: "Unknown (sso:DescribeInstance failed: an HTML page)",
      },
    ]);
    const none = new NotFoundError("no boundary");
    await expect(
      ctx.optional("sso:GetPermissionsBoundaryForPermissionSet", "x", () => Promise.reject(none)),
    ).rejects.toBe(none);
  });

  it("classifies raw SDK errors with the action", async () => {
    const ctx = context();
    const raw = Object.assign(new Error("nope"), { name: "ResourceNotFoundException" });
    const err = await ctx
      .call("sso:DescribePermissionSet", () => Promise.reject(raw))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(awsErrorName(err)).toBe("ResourceNotFoundException");
  });

  it("fails with the abort reason once aborted, before calling", async () => {
    const controller = new AbortController();
    const ctx = context(controller.signal);
    const reason = new Error("stopped");
    controller.abort(reason);
    let called = false;
    await expect(
      ctx.call("identitystore:ListUsers", () => {
        called = true;
        return Promise.resolve(1);
      }),
    ).rejects.toBe(reason);
    expect(called).toBe(false);
  });

  it("reports running totals per phase", () => {
    const progress: unknown[] = [];
    const ctx = context(undefined, progress);
    ctx.progress("users", 100);
    ctx.progress("groups", 3);
    ctx.progress("users", 50);
    expect(progress).toEqual([
      { phase: "users", done: 100 },
      { phase: "groups", done: 3 },
      { phase: "users", done: 150 },
    ]);
  });

  it("collects every page of a paginated call", async () => {
    const ctx = context();
    async function* pages() {
      await Promise.resolve();
      yield { Items: [1, 2] };
      yield { Items: undefined };
      yield { Items: [3] };
    }
    expect(await ctx.collect("identitystore:ListUsers", pages(), (p) => p.Items)).toEqual([1, 2, 3]);
  });
});
