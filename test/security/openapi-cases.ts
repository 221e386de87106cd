// Request cases generated from the OpenAPI document (/api/openapi.json): the operations, their
// parameters and body schemas, and malformed variants of each (issue 13's security suite).
type Json = Record<string, unknown>;

export interface Operation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  auth: boolean;
  pathParams: string[];
  query: { name: string; schema: Json }[];
  body: Json | null;
}

export interface Case {
  category: string;
  method: Operation["method"];
  url: string;
  payload?: string;
  contentType?: string;
}

function resolve(doc: Json, schema: Json): Json {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return schema;
  const name = ref.replace("#/components/schemas/", "");
  const components = (doc["components"] as Json)["schemas"] as Json;
  return resolve(doc, components[name] as Json);
}

export function operationsOf(doc: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc["paths"] as Json)) {
    for (const [method, raw] of Object.entries(item as Json)) {
      const op = raw as Json;
      const params = (op["parameters"] as Json[] | undefined) ?? [];
      const body = (
        ((op["requestBody"] as Json | undefined)?.["content"] as Json | undefined)?.["application/json"] as
          Json | undefined
      )?.["schema"] as Json | undefined;
      ops.push({
        method: method.toUpperCase() as Operation["method"],
        path: path.replace(/\{(\w+)\}/g, ":$1"),
        auth: !(Array.isArray(op["security"]) && (op["security"] as unknown[]).length === 0),
        pathParams: params.filter((p) => p["in"] === "path").map((p) => String(p["name"])),
        query: params
          .filter((p) => p["in"] === "query")
          .map((p) => ({ name: String(p["name"]), schema: (p["schema"] as Json | undefined) ?? {} })),
        body: body === undefined ? null : resolve(doc, body),
      });
    }
  }
  return ops;
}

export function fillPath(op: Operation, ids: Record<string, string>): string {
  return op.pathParams.reduce(
    (p, name) => p.replace(`:${name}`, encodeURIComponent(ids[name] ?? "x")),
    op.path,
  );
}

const MB = "a".repeat(1024 * 1024);
const CONTROL = ["\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\n", "\r", "\t"];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const BOGUS_CURSORS = [
  "x",
  "!!!!",
  b64([]),
  b64(["changes:desc", "abc"]),
  b64(["changes:desc", 1e308]),
  b64(["changes:desc", -1.5]),
  b64(["users:userName:asc", "a\u0000"]),
  b64(["runs", "2026", "x", "extra"]),
  b64({ a: 1 }),
  b64(["findings", "x", "y", "z", "w", "v"]),
  Buffer.from("\u0000\u0001").toString("base64url"),
];
/** Wrong values by the schema's type. */
function wrongValues(schema: Json): string[] {
  const t = schema["type"];
  const base = ["", "null", "[]", "{}", "%00", MB.slice(0, 5000)];
  if (t === "integer" || t === "number")
    return [...base, "abc", "-1", "0", "1.5", "1e309", "99999999999999999999", "NaN", "Infinity"];
  if (t === "boolean") return [...base, "maybe", "2"];
  if (Array.isArray(schema["enum"])) return [...base, "NOT_A_VALUE", "user.added,nope"];
  return [...base, "😀".repeat(300)];
}

const enc = encodeURIComponent;

/** Malformed variants of one operation (valid path ids `ids`). */
export function malformedCases(op: Operation, ids: Record<string, string>): Case[] {
  const cases: Case[] = [];
  const url = fillPath(op, ids);
  const jsonBody = op.method === "POST" || op.method === "PATCH";
  const add = (category: string, u: string, payload?: unknown, contentType = "application/json") =>
    cases.push({
      category,
      method: op.method,
      url: u,
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === "string" ? payload : JSON.stringify(payload), contentType }),
    });
  const validBody = jsonBody ? {} : undefined;

  for (const name of op.pathParams) {
    for (const c of CONTROL) add("control characters", fillPath(op, { ...ids, [name]: `a${c}b` }), validBody);
    add("long strings", fillPath(op, { ...ids, [name]: "p".repeat(10_000) }), validBody);
    add("wrong types", fillPath(op, { ...ids, [name]: "%" }).replace("%25", "%"), validBody);
  }
  for (const q of op.query) {
    for (const v of wrongValues(q.schema))
      add("wrong types", `${url}?${q.name}=${enc(v).replace("%2500", "%00")}`, validBody);
    for (const c of CONTROL) add("control characters", `${url}?${q.name}=${enc(`a${c}b`)}`, validBody);
    add("long strings", `${url}?${q.name}=${MB.slice(0, 100_000)}`, validBody);
    add("wrong types", `${url}?${q.name}=a&${q.name}=b&${q.name}[x]=c`, validBody);
  }
  const queryNames = op.query.map((q) => q.name);
  if (queryNames.includes("cursor"))
    for (const c of BOGUS_CURSORS) add("bogus cursors", `${url}?cursor=${enc(c)}`, validBody);
  if (queryNames.includes("limit"))
    for (const l of ["0", "1001", "1000000", "2147483648", "-5", "1e3"])
      add("huge limits", `${url}?limit=${l}`, validBody);
  add("unknown fields", `${url}?__proto__=1&constructor=x&zz=1`, validBody);

  if (jsonBody) {
    const props = (op.body?.["properties"] as Record<string, Json> | undefined) ?? {};
    for (const [field, schema] of Object.entries(props)) {
      const t = resolveType(schema) ?? "string";
      const wrong: unknown[] = [null, true, [], {}, t === "string" ? 12345 : "a string", -1, 2 ** 64];
      for (const w of wrong) add("wrong types", url, { [field]: w });
      for (const c of CONTROL.slice(0, 5)) add("control characters", url, { [field]: `a${c}b` });
      add("long strings", url, { [field]: "s".repeat(60_000) });
    }
    add("long strings", url, { x: MB });
    add("deep nesting", url, "[".repeat(20_000) + "]".repeat(20_000));
    add("deep nesting", url, '{"a":'.repeat(5000) + "1" + "}".repeat(5000));
    for (const field of Object.keys(props))
      add("deep nesting", url, `{"${field}":${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
    add("wrong types", url, "[1,2,3]");
    add("wrong types", url, '"text"');
    add("wrong types", url, "null");
    add("wrong types", url, "{not json");
    add("wrong types", url, "a=b", "application/x-www-form-urlencoded");
    add("wrong types", url, "<x/>", "text/xml");
    add("unknown fields", url, '{"__proto__":{"admin":true},"constructor":{"prototype":1},"zz":1}');
  }
  return cases;
}

function resolveType(schema: Json): string | undefined {
  if (typeof schema["type"] === "string") return schema["type"];
  const any = (schema["anyOf"] ?? schema["oneOf"]) as Json[] | undefined;
  return any?.map((s) => s["type"]).find((t): t is string => typeof t === "string" && t !== "null");
}
