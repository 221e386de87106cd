import { describe, expect, it } from "vitest";
import { findingContentHash, findingFingerprint, findingId } from "./finding-id.js";
import { planFindings, reconcileFindings, type StoredFindingState } from "./lifecycle.js";
import type { FindingDraft } from "./types.js";

const AT = "2026-12-01T00:00:00.000Z";

function draft(n: number, details: Record<string, unknown> = {}, name = `user${n}`): FindingDraft {
  return {
    id: findingId("user.no_access", "user", `u${n}`),
    rule: "user.no_access",
    severity: "low",
    subject: { type: "user", id: `u${n}`, name },
    accountId: null,
    permissionSetArn: null,
    userId: `u${n}`,
    groupId: null,
    details,
  };
}

const state = (f: FindingDraft, status: StoredFindingState["status"]): [string, StoredFindingState] => [
  f.id,
  { status, fingerprint: findingFingerprint(f), contentHash: findingContentHash(f) },
];

describe("reconcileFindings", () => {
  it("opens everything on a baseline without change rows", () => {
    const w = reconcileFindings([draft(1), draft(2)], new Map(), AT, true);
    expect(w.upsert.map((u) => [u.status, u.firstSeenAt])).toEqual([
      ["open", AT],
      ["open", AT],
    ]);
    expect(w.changes).toEqual([]);
    expect(w.counts).toEqual({ open: 2, accepted: 0, opened: 2, resolved: 0 });
  });

  it("opens new, keeps seen, resolves gone, re-opens resolved (keeping the first sighting)", () => {
    const [a, b, c, d] = [draft(1), draft(2), draft(3), draft(4)];
    const stored = new Map([state(a, "open"), state(b, "open"), state(c, "resolved")]);
    const w = reconcileFindings([a, c, d], stored, AT, false);
    expect(w.upsert.map((u) => [u.finding.id, u.firstSeenAt])).toEqual([
      [c.id, null],
      [d.id, AT],
    ]);
    expect(w.resolve).toEqual([b.id]);
    // Change rows come by finding id.
    const byId = (x: [string, string, boolean], y: [string, string, boolean]) => (x[1] < y[1] ? -1 : 1);
    expect(w.changes.map((ch) => [ch.kind, ch.detail.findingId, ch.detail.reopened ?? false])).toEqual(
      (
        [
          ["finding.opened", c.id, true],
          ["finding.opened", d.id, false],
        ] as [string, string, boolean][]
      ).sort(byId),
    );
    expect(w.changes.find((ch) => ch.detail.findingId === d.id)).toMatchObject({
      userId: "u4",
      detail: { rule: "user.no_access", severity: "low" },
    });
  });

  it("keeps an accepted finding accepted through renames, re-opens it when its facts change", () => {
    const accepted = draft(1, { accessRows: 3 });
    const stored = new Map([state(accepted, "accepted")]);
    const renamed = reconcileFindings([draft(1, { accessRows: 3 }, "new-name")], stored, AT, false);
    expect(renamed.changes).toEqual([]);
    expect(renamed.upsert.map((u) => u.status)).toEqual(["accepted"]);
    expect(renamed.counts).toMatchObject({ open: 0, accepted: 1 });
    const changed = reconcileFindings([draft(1, { accessRows: 4 })], stored, AT, false);
    expect(changed.upsert.map((u) => u.status)).toEqual(["open"]);
    expect(changed.changes[0]).toMatchObject({ kind: "finding.opened", detail: { reopened: true } });
  });

  it("writes nothing for findings that did not change", () => {
    const a = draft(1);
    const w = reconcileFindings([a], new Map([state(a, "open")]), AT, false);
    expect(w).toMatchObject({ upsert: [], resolve: [], changes: [] });
  });
});

describe("planFindings", () => {
  it("decides as reconcileFindings does, making the rows to write again as they are taken", () => {
    const [a, b, c, d] = [draft(1), draft(2), draft(3), draft(4)];
    const stored = new Map([state(a, "open"), state(b, "open"), state(c, "resolved")]);
    let evaluations = 0;
    // The rules' order is not the ids': the change rows still come by id.
    const drafts = () => {
      evaluations++;
      return [d, a, c];
    };
    const plan = planFindings(drafts, stored, AT, false);
    const eager = reconcileFindings([d, a, c], stored, AT, false);
    expect(evaluations).toBe(1);
    expect({ resolve: plan.resolve, counts: plan.counts }).toEqual({
      resolve: eager.resolve,
      counts: eager.counts,
    });
    expect(plan.changes.map((ch) => ch.detail.findingId)).toEqual([c.id, d.id].sort());
    expect([...plan.upsert]).toEqual(eager.upsert);
    expect(evaluations).toBe(2);
  });

  it("does not evaluate again when nothing is to be written", () => {
    const a = draft(1);
    let evaluations = 0;
    const plan = planFindings(
      () => {
        evaluations++;
        return [a];
      },
      new Map([state(a, "open")]),
      AT,
      false,
    );
    expect([...plan.upsert]).toEqual([]);
    expect(evaluations).toBe(1);
  });
});
