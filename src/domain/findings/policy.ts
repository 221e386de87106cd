// IAM policy documents, read the way IAM reads them: Statement an object or an array; Action,
// NotAction, Resource and NotResource a string or an array; action names case-insensitive with
// `*` and `?` wildcards; an explicit Deny wins over any Allow; a Condition makes a statement
// conditional (we cannot know whether it holds, so it never counts as an unconditional grant or
// an unconditional deny). Pure: no AWS call, no I/O.

export interface PolicyStatement {
  /** Position in the document's Statement list (0-based). */
  index: number;
  sid: string | null;
  effect: "Allow" | "Deny";
  /** Exactly one of actions / notActions is set. */
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  conditional: boolean;
  /** The statement as written, for the finding's "why". */
  raw: unknown;
}

export type ParsedPolicy = { ok: true; statements: PolicyStatement[] } | { ok: false; error: string };

function stringList(value: unknown): string[] | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses a policy document; a document IAM would refuse is `ok: false` with the reason. */
export function parsePolicy(text: string): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: "the policy is not valid JSON" };
  }
  if (!isRecord(doc)) return { ok: false, error: "the policy is not a JSON object" };
  const list = Array.isArray(doc.Statement)
    ? doc.Statement
    : isRecord(doc.Statement)
      ? [doc.Statement]
      : null;
  if (list === null) return { ok: false, error: "the policy has no Statement" };
  const statements: PolicyStatement[] = [];
  for (const [index, raw] of list.entries()) {
    if (!isRecord(raw)) return { ok: false, error: `statement ${index} is not an object` };
    const effect = typeof raw.Effect === "string" ? raw.Effect.toLowerCase() : "";
    if (effect !== "allow" && effect !== "deny")
      return { ok: false, error: `statement ${index} has no Effect Allow or Deny` };
    const actions = stringList(raw.Action);
    const notActions = stringList(raw.NotAction);
    if (actions === null || notActions === null || (actions === undefined) === (notActions === undefined))
      return { ok: false, error: `statement ${index} needs exactly one of Action or NotAction` };
    const resources = stringList(raw.Resource);
    const notResources = stringList(raw.NotResource);
    if (resources === null || notResources === null)
      return { ok: false, error: `statement ${index} has a Resource that is not a string or list` };
    statements.push({
      index,
      sid: typeof raw.Sid === "string" ? raw.Sid : null,
      effect: effect === "allow" ? "Allow" : "Deny",
      actions: actions ?? null,
      notActions: notActions ?? null,
      resources: resources ?? null,
      notResources: notResources ?? null,
      conditional: isRecord(raw.Condition)
        ? Object.keys(raw.Condition).length > 0
        : raw.Condition !== undefined,
      raw,
    });
  }
  return { ok: true, statements };
}

const patternCache = new Map<string, RegExp>();

/** IAM's action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    const body = pattern
      .trim()
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "i");
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

/** Whether the statement's Action (or NotAction) covers `action`. */
export function statementCovers(st: PolicyStatement, action: string): boolean {
  if (st.actions !== null) return st.actions.some((p) => actionMatches(p, action));
  if (st.notActions !== null) return !st.notActions.some((p) => actionMatches(p, action));
  return false;
}

/** `*` for every resource: the admin definition's "on Resource *". */
export function onEveryResource(st: PolicyStatement): boolean {
  return st.resources !== null && st.resources.some((r) => r.trim() === "*");
}

/**
 * Every resource of a kind that matters for IAM changes: `*`, an IAM ARN whose resource is a
 * wildcard (`arn:aws:iam::*:role/*`), or an Allow with NotResource (everything but some).
 */
export function onBroadIamResource(st: PolicyStatement): boolean {
  if (st.notResources !== null) return st.effect === "Allow";
  return (st.resources ?? []).some(
    (r) => r.trim() === "*" || /^arn:[^:]*:iam::[^:]*:(\*|[a-z-]+\/\*)$/i.test(r.trim()),
  );
}

/** An unconditional Deny on every resource that covers `action`, if any. */
export function denyingStatement(
  statements: readonly PolicyStatement[],
  action: string,
): PolicyStatement | null {
  return (
    statements.find(
      (st) => st.effect === "Deny" && !st.conditional && onEveryResource(st) && statementCovers(st, action),
    ) ?? null
  );
}

/** Unconditional Allow statements that grant `action` on a broad resource. */
export function allowingStatements(
  statements: readonly PolicyStatement[],
  action: string,
): PolicyStatement[] {
  return statements.filter(
    (st) => st.effect === "Allow" && !st.conditional && onBroadIamResource(st) && statementCovers(st, action),
  );
}

/** The admin definition's statement: Allow, Action `*` or `*:*`, Resource `*`, no Condition. */
export function isAdminStatement(st: PolicyStatement): boolean {
  return (
    st.effect === "Allow" &&
    !st.conditional &&
    st.actions !== null &&
    st.actions.some((a) => a.trim() === "*" || a.trim() === "*:*") &&
    onEveryResource(st)
  );
}
