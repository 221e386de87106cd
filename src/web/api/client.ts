// The one way the web app talks to the server: JSON over fetch, the session in an HttpOnly cookie
// (never in script-readable storage). Errors become ApiError with the server's code and field.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The input field the server blamed, when it named one. */
  readonly field: string | undefined;
  /** The IAM action that was denied, when that is the cause. */
  readonly action: string | undefined;
  /** The whole error body, for routes that say more (e.g. the checks of a refused connect). */
  readonly body: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    action?: string,
    body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.action = action;
    this.body = body;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the server answers 401: the app goes back to the sign-in page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function toApiError(status: number, body: unknown): ApiError {
  // Accept both `{ error: { code, message, field } }` and a flat `{ code, message, field }`.
  const outer = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const inner =
    typeof outer.error === "object" && outer.error !== null
      ? (outer.error as Record<string, unknown>)
      : outer;
  const message =
    str(inner.message) ?? str(outer.message) ?? str(outer.error) ?? `Request failed (HTTP ${status})`;
  const field = str(inner.field) ?? (Array.isArray(inner.path) ? inner.path.join(".") : undefined);
  return new ApiError(status, str(inner.code) ?? `http_${status}`, message, field, str(inner.action), body);
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? "GET",
    credentials: "same-origin",
    headers: { accept: "application/json" },
  };
  if (options.signal !== undefined) init.signal = options.signal;
  if (options.body !== undefined) {
    init.headers = { accept: "application/json", "content-type": "application/json" };
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 200) };
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, body);
    if (res.status === 401) for (const l of unauthorizedListeners) l();
    throw error;
  }
  return body as T;
}

/** Builds "/api/x?a=1" from parts, dropping empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs === "" ? path : `${path}?${qs}`;
}
