// A tiny history-API router: "/users/abc?status=ENABLED" -> { path: "/users/abc", query }. Real
// paths, so links can be shared and bookmarked; the server answers the app's own routes with
// index.html (src/http/web-fallback.ts). Old "#/users" links are turned into "/users" on load.
import { useSyncExternalStore } from "react";

export interface Location {
  path: string;
  query: URLSearchParams;
}

/** Fired on window whenever the app itself changes the URL (pushState does not fire popstate). */
const CHANGE = "idc-sync:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const currentUrl = (): string => `${window.location.pathname}${window.location.search}`;

/** Splits "/users?x=1" (or a legacy "#/users?x=1") into path and query. */
export function parseUrl(url: string): Location {
  const raw = url.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  return {
    path: path.startsWith("/") ? path : `/${path}`,
    query: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)),
  };
}

/** @deprecated the old name: hashes parse the same way. */
export const parseHash = parseUrl;

export function useLocation(): Location {
  const url = useSyncExternalStore(subscribe, currentUrl, () => "/");
  return parseUrl(url);
}

/** Builds an href: `href("/users", { status: "ENABLED" })` -> "/users?status=ENABLED" (empty values dropped). */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, v);
  const qs = params.toString();
  return `${path}${qs === "" ? "" : `?${qs}`}`;
}

function go(target: string, replace: boolean): void {
  if (replace) window.history.replaceState(null, "", target);
  else window.history.pushState(null, "", target);
  window.dispatchEvent(new Event(CHANGE));
}

export function navigate(
  path: string,
  query: Record<string, string | undefined> = {},
  replace = false,
): void {
  go(href(path, query), replace);
}

/** Where a click goes when it is the app's to handle (a plain left click on a link to its own page). */
function ownTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.("a");
  if (anchor === null || anchor === undefined || !(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target !== "" && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const raw = anchor.getAttribute("href") ?? "";
  if (raw.startsWith("#/")) return raw.slice(1);
  if (raw === "" || raw.startsWith("#")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return null;
  return `${url.pathname}${url.search}`;
}

/**
 * Starts the router: links to the app's own pages change the URL without a reload, and a legacy
 * "#/path" URL becomes "/path" (bookmarks made before the switch keep working).
 */
export function startRouter(): void {
  const legacy = window.location.hash;
  if (legacy.startsWith("#/")) go(legacy.slice(1), true);
  document.addEventListener("click", (event) => {
    const target = ownTarget(event);
    if (target === null) return;
    event.preventDefault();
    if (target !== currentUrl()) go(target, false);
  });
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
