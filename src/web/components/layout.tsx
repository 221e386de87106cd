// The app shell: left navigation (a drawer below 900px), a top bar with the organization and
// sign-out, and the main region the pages render into.
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from "react";
import { Icon, type IconName } from "./icons.js";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Path prefix that marks the item current. */
  prefix: string;
}

const NAV: NavItem[] = [
  { href: "#/integrations", label: "Integrations", icon: "plug", prefix: "/integrations" },
  { href: "#/users", label: "Users", icon: "users", prefix: "/users" },
  { href: "#/groups", label: "Groups", icon: "users", prefix: "/groups" },
  { href: "#/permission-sets", label: "Permission sets", icon: "shield", prefix: "/permission-sets" },
  { href: "#/accounts", label: "Accounts", icon: "building", prefix: "/accounts" },
  { href: "#/access", label: "Access", icon: "key", prefix: "/access" },
  { href: "#/changes", label: "Changes", icon: "history", prefix: "/changes" },
  { href: "#/findings", label: "Findings", icon: "shield", prefix: "/findings" },
  { href: "#/settings", label: "Settings", icon: "key", prefix: "/settings" },
];

export function Layout(props: {
  path: string;
  orgName: string | undefined;
  onSignOut: () => void;
  children: ReactNode;
}): ReactElement {
  const [navOpen, setNavOpen] = useState(false);
  // Following a link closes the drawer.
  useEffect(() => setNavOpen(false), [props.path]);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!navOpen) return;
    // The drawer takes focus when it opens (on phones), and Escape gives it back to the toggle.
    navRef.current?.querySelector<HTMLElement>("a")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setNavOpen(false);
      toggleRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navOpen]);

  return (
    <div className={`shell${navOpen ? " nav-open" : ""}`}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <aside className="sidebar" id="sidebar" aria-label="Primary">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={18} />
          </span>
          <span className="brand-name">idc-sync</span>
        </div>
        <nav aria-label="Main" ref={navRef}>
          <ul className="nav-list">
            {NAV.map((item) => {
              const current = props.path === item.prefix || props.path.startsWith(`${item.prefix}/`);
              return (
                <li key={item.href}>
                  <a className="nav-link" href={item.href} aria-current={current ? "page" : undefined}>
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <span className="muted-inverse">SaaS access, always current</span>
        </div>
      </aside>
      <div className="nav-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} />
      <div className="main-column">
        <header className="topbar">
          <button
            type="button"
            ref={toggleRef}
            className="icon-button nav-toggle"
            aria-label={navOpen ? "Close navigation" : "Open navigation"}
            aria-expanded={navOpen}
            aria-controls="sidebar"
            onClick={() => setNavOpen((o) => !o)}
          >
            <Icon name={navOpen ? "close" : "menu"} />
          </button>
          <span className="topbar-brand" aria-hidden="true">
            idc-sync
          </span>
          <div className="topbar-spacer" />
          {props.orgName !== undefined && (
            <span className="org-chip" title="Organization">
              <Icon name="building" size={16} />
              <span className="org-name">{props.orgName}</span>
            </span>
          )}
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={props.onSignOut}
            aria-label="Sign out"
          >
            <Icon name="logout" size={16} />
            <span className="hide-narrow">Sign out</span>
          </button>
        </header>
        <main id="main" tabIndex={-1} className="content">
          {props.children}
        </main>
      </div>
    </div>
  );
}
