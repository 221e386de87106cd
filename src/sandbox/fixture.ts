// Loads a sandbox organization from a JSON fixture (the SbWorld shape). Shapes are checked by
// the zod schema, then references between parts, so a bad fixture fails naming the field.
import { readFileSync } from "node:fs";
import type { SbWorld } from "./model.js";
import { sbWorldSchema } from "./world-schema.js";

export class SandboxFixtureError extends Error {
  readonly code = "SANDBOX_FIXTURE_INVALID";
  override name = "SandboxFixtureError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

interface Problem {
  path: string;
  message: string;
}

function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  field: string,
  what: string,
): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push({ path: `${field}[${i}]`, message: `duplicate ${what} ${k}` });
    seen.add(k);
  });
  return out;
}

/** Cross-references AWS itself guarantees. Assignments to missing principals are allowed: orphans. */
function referenceProblems(w: SbWorld): Problem[] {
  const users = new Set(w.users.map((u) => u.UserId));
  const groups = new Set(w.groups.map((g) => g.GroupId));
  const accounts = new Set(w.accounts.map((a) => a.Id));
  const sets = new Set(w.permissionSets.map((p) => p.PermissionSetArn));
  const problems: Problem[] = [
    ...duplicates(w.users, (u) => u.UserId, "users", "UserId"),
    ...duplicates(w.users, (u) => u.UserName.toLowerCase(), "users", "UserName (case-insensitive)"),
    ...duplicates(w.groups, (g) => g.GroupId, "groups", "GroupId"),
    ...duplicates(w.memberships, (m) => m.MembershipId, "memberships", "MembershipId"),
    ...duplicates(w.memberships, (m) => `${m.GroupId}/${m.UserId}`, "memberships", "(GroupId, UserId)"),
    ...duplicates(w.accounts, (a) => a.Id, "accounts", "account Id"),
    ...duplicates(w.permissionSets, (p) => p.PermissionSetArn, "permissionSets", "PermissionSetArn"),
    ...duplicates(
      w.assignments,
      (a) => `${a.AccountId} ${a.PermissionSetArn} ${a.PrincipalType} ${a.PrincipalId}`,
      "assignments",
      "assignment",
    ),
  ];
  w.memberships.forEach((m, i) => {
    if (!groups.has(m.GroupId))
      problems.push({ path: `memberships[${i}].GroupId`, message: "no group with this id" });
    if (!users.has(m.UserId))
      problems.push({ path: `memberships[${i}].UserId`, message: "no user with this id" });
  });
  if (!accounts.has(w.organization.MasterAccountId)) {
    problems.push({ path: "organization.MasterAccountId", message: "not among accounts" });
  }
  for (const [accountId, arns] of Object.entries(w.provisioned)) {
    if (!accounts.has(accountId))
      problems.push({ path: `provisioned.${accountId}`, message: "not among accounts" });
    arns.forEach((arn, i) => {
      if (!sets.has(arn))
        problems.push({ path: `provisioned.${accountId}[${i}]`, message: "not among permissionSets" });
    });
  }
  const pairs = new Set(
    Object.entries(w.provisioned).flatMap(([acct, arns]) => arns.map((arn) => `${acct} ${arn}`)),
  );
  w.assignments.forEach((a, i) => {
    if (!pairs.has(`${a.AccountId} ${a.PermissionSetArn}`)) {
      problems.push({
        path: `assignments[${i}]`,
        message: "its permission set is not provisioned to its account (add it to provisioned)",
      });
    }
  });
  if (w.instance.Type === "ACCOUNT" && (w.permissionSets.length > 0 || w.assignments.length > 0)) {
    problems.push({
      path: "instance.Type",
      message: "ACCOUNT instances have no permission sets or assignments",
    });
  }
  return problems;
}

function fail(source: string, problems: readonly Problem[], cause?: unknown): never {
  const shown = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
  throw new SandboxFixtureError(`invalid sandbox fixture ${source}: ${shown.join("; ")}${more}`, { cause });
}

/** Validates parsed JSON as a sandbox world; throws SandboxFixtureError naming the bad field. */
export function parseFixture(json: unknown, source = "(inline)"): SbWorld {
  const parsed = sbWorldSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
    fail(source, problems, parsed.error);
  }
  const world: SbWorld = parsed.data;
  const problems = referenceProblems(world);
  if (problems.length > 0) fail(source, problems);
  return world;
}

export function loadFixture(path: string): SbWorld {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new SandboxFixtureError(`cannot read sandbox fixture ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SandboxFixtureError(`sandbox fixture ${path} is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseFixture(json, path);
}
