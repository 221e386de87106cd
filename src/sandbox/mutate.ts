// The programmatic API for changes to a sandbox organization between syncs. Every function
// mutates the world in place and bumps `world.revision` (the server rebuilds its indexes when it
// changes); a call that throws SandboxMutationError leaves the world and its revision unchanged.
// `applyMutations` takes the same changes as a JSON list, for the server's admin route.
import { z } from "zod";
import type { SbWorld } from "./model.js";
import { SandboxMutationError } from "./mutate-core.js";
import {
  addGroup,
  addMembership,
  addUser,
  deleteGroup,
  deleteUser,
  removeMembership,
  renameUser,
  setUserStatus,
} from "./mutate-identity.js";
import {
  addAccount,
  addAssignment,
  addPermissionSet,
  removeAccount,
  removeAssignment,
  updatePermissionSet,
} from "./mutate-access.js";
import {
  sbAccountSchema,
  sbGroupSchema,
  sbPermissionSetSchema,
  sbTagSchema,
  sbUserSchema,
} from "./world-schema.js";

export { SandboxMutationError, mutationTime } from "./mutate-core.js";
export type { Loose, MutationErrorCode } from "./mutate-core.js";
export {
  addGroup,
  addMembership,
  addUser,
  deleteGroup,
  deleteUser,
  removeMembership,
  renameUser,
  setUserStatus,
};
export type { UserRename } from "./mutate-identity.js";
export { addAccount, addAssignment, addPermissionSet, removeAccount, removeAssignment, updatePermissionSet };
export type { PermissionSetUpdate } from "./mutate-access.js";

const userId = z.string().min(1);
const groupId = z.string().min(1);
const optionalText = z.string().min(1).optional();
const assignmentFields = {
  accountId: z.string().min(1),
  permissionSetArn: z.string().min(1),
  principalType: z.enum(["USER", "GROUP"]),
  principalId: z.string().min(1),
};

export const mutationSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("addUser"), user: sbUserSchema.partial().optional() }),
  z.strictObject({ op: z.literal("deleteUser"), userId }),
  z.strictObject({ op: z.literal("setUserStatus"), userId, status: z.enum(["ENABLED", "DISABLED"]) }),
  z.strictObject({
    op: z.literal("renameUser"),
    userId,
    userName: optionalText,
    displayName: optionalText,
    givenName: optionalText,
    familyName: optionalText,
    email: optionalText,
  }),
  z.strictObject({ op: z.literal("addGroup"), group: sbGroupSchema.partial().optional() }),
  z.strictObject({ op: z.literal("deleteGroup"), groupId }),
  z.strictObject({ op: z.literal("addMembership"), groupId, userId }),
  z.strictObject({ op: z.literal("removeMembership"), groupId, userId }),
  z.strictObject({ op: z.literal("addAssignment"), ...assignmentFields }),
  z.strictObject({ op: z.literal("removeAssignment"), ...assignmentFields }),
  z.strictObject({ op: z.literal("addAccount"), account: sbAccountSchema.partial().optional() }),
  z.strictObject({ op: z.literal("removeAccount"), accountId: z.string().min(1) }),
  z.strictObject({
    op: z.literal("addPermissionSet"),
    permissionSet: sbPermissionSetSchema.partial().optional(),
  }),
  z.strictObject({
    op: z.literal("updatePermissionSet"),
    permissionSetArn: z.string().min(1),
    description: z.string().min(1).nullable().optional(),
    sessionDuration: optionalText,
    relayState: z.string().min(1).nullable().optional(),
    inlinePolicy: z.string().optional(),
    managedPolicies: z.array(z.string().min(1)).optional(),
    customerManagedPolicyReferences: z
      .array(z.strictObject({ Name: z.string(), Path: z.string() }))
      .optional(),
    tags: z.array(sbTagSchema).optional(),
  }),
]);

export const mutationListSchema = z.array(mutationSchema);
export type Mutation = z.infer<typeof mutationSchema>;

export interface MutationResult {
  op: Mutation["op"];
  /** The id (or ARN) of what an add* created. */
  id?: string;
}

function applyOne(world: SbWorld, m: Mutation): MutationResult {
  switch (m.op) {
    case "addUser":
      return { op: m.op, id: addUser(world, m.user).UserId };
    case "deleteUser":
      deleteUser(world, m.userId);
      return { op: m.op };
    case "setUserStatus":
      setUserStatus(world, m.userId, m.status);
      return { op: m.op };
    case "renameUser":
      renameUser(world, m.userId, m);
      return { op: m.op };
    case "addGroup":
      return { op: m.op, id: addGroup(world, m.group).GroupId };
    case "deleteGroup":
      deleteGroup(world, m.groupId);
      return { op: m.op };
    case "addMembership":
      return { op: m.op, id: addMembership(world, m.groupId, m.userId).MembershipId };
    case "removeMembership":
      removeMembership(world, m.groupId, m.userId);
      return { op: m.op };
    case "addAssignment":
    case "removeAssignment": {
      const a = {
        AccountId: m.accountId,
        PermissionSetArn: m.permissionSetArn,
        PrincipalType: m.principalType,
        PrincipalId: m.principalId,
      };
      if (m.op === "addAssignment") addAssignment(world, a);
      else removeAssignment(world, a);
      return { op: m.op };
    }
    case "addAccount":
      return { op: m.op, id: addAccount(world, m.account).Id };
    case "removeAccount":
      removeAccount(world, m.accountId);
      return { op: m.op };
    case "addPermissionSet":
      return { op: m.op, id: addPermissionSet(world, m.permissionSet).PermissionSetArn };
    case "updatePermissionSet":
      updatePermissionSet(world, m.permissionSetArn, m);
      return { op: m.op };
  }
}

/**
 * Validates the whole list first (INVALID naming `[i].field`), then applies it in order. A
 * failing change stops the list: earlier changes stay applied; the error says which index failed.
 */
export function applyMutations(
  world: SbWorld,
  list: unknown,
): { revision: number; results: MutationResult[] } {
  const parsed = mutationListSchema.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? [])
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("");
    throw new SandboxMutationError(
      "INVALID",
      `invalid mutation list at ${path || "(root)"}: ${issue?.message ?? ""}`,
      {
        cause: parsed.error,
      },
    );
  }
  const results: MutationResult[] = [];
  parsed.data.forEach((m, i) => {
    try {
      results.push(applyOne(world, m));
    } catch (err) {
      if (!(err instanceof SandboxMutationError)) throw err;
      throw new SandboxMutationError(err.code, `mutation [${i}] (${m.op}): ${err.message}`, { cause: err });
    }
  });
  return { revision: world.revision, results };
}
