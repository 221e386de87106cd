// A tiny hash router: "#/users/abc?status=ENABLED" -> { path: "/users/abc", query }. Hash-based so
// the server needs no fallback route and a reload keeps the page.
import { useSyncExternalStore } from "react";

export interface Location {
  path: string;
  query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const currentHash = (): string => window.location.hash;

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  return {
    path: path.startsWith("/") ? path : `/${path}`,
    query: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)),
  };
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, currentHash, () => "");
  return parseHash(hash);
}

/** Builds an href: `href("/users", { status: "ENABLED" })` -> "#/users?status=ENABLED" (empty values dropped). */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, v);
  const qs = params.toString();
  return `#${path}${qs === "" ? "" : `?${qs}`}`;
}

export function navigate(
  path: string,
  query: Record<string, string | undefined> = {},
  replace = false,
): void {
  const target = href(path, query);
  if (replace) {
    window.history.replaceState(null, "", target);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    window.location.hash = target.slice(1);
  }
}

/** Matches "/users/:id" against a path; returns decoded params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    const val = s[i] as string;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
}
