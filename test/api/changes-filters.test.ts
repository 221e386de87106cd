// Issue 17 defect 10: the change feed filters by group and by permission set (the web app picks
// them by name and sends their ids), as it does by user and account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeListResponse } from "../../src/http/api-contract.js";
import { applyMutations } from "../../src/sandbox/index.js";
import { call, connectAndSync, settled, startWorld, type World } from "./harness.js";

let w: World;
let conn: string;

beforeAll(async () => {
  w = await startWorld({ users: 12, groups: 3, accounts: 2 });
  conn = await connectAndSync(w, w.tokenA, "Main");
});

afterAll(async () => {
  await w?.close();
});

describe("GET /api/changes by group and permission set", () => {
  it("answers only the changes about the chosen group or permission set", async () => {
    const world = w.sandbox.world;
    const membership = world.memberships[0];
    const assignment = world.assignments[0];
    if (membership === undefined || assignment === undefined) throw new Error("the sandbox is too small");
    applyMutations(world, [
      { op: "removeMembership", groupId: membership.GroupId, userId: membership.UserId },
      {
        op: "removeAssignment",
        accountId: assignment.AccountId,
        permissionSetArn: assignment.PermissionSetArn,
        principalType: assignment.PrincipalType,
        principalId: assignment.PrincipalId,
      },
    ]);
    const done = settled(w, conn);
    expect((await call(w, "POST", `/api/connections/${conn}/sync`)).status).toBe(202);
    expect(await done).toBeUndefined();

    const all = changeListResponse.parse((await call(w, "GET", `/api/changes?limit=500`)).body).items;
    const byGroup = changeListResponse.parse(
      (await call(w, "GET", `/api/changes?groupId=${encodeURIComponent(membership.GroupId)}&limit=500`)).body,
    ).items;
    expect(byGroup.length).toBeGreaterThan(0);
    expect(byGroup.every((c) => c.groupId === membership.GroupId)).toBe(true);
    expect(byGroup.length).toBe(all.filter((c) => c.groupId === membership.GroupId).length);

    const arn = assignment.PermissionSetArn;
    const bySet = changeListResponse.parse(
      (await call(w, "GET", `/api/changes?permissionSetArn=${encodeURIComponent(arn)}&limit=500`)).body,
    ).items;
    expect(bySet.length).toBeGreaterThan(0);
    expect(bySet.every((c) => c.permissionSetArn === arn)).toBe(true);
    expect(bySet.length).toBe(all.filter((c) => c.permissionSetArn === arn).length);
  });
});
