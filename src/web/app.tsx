// The app root: restores the session (cookie) on load, then routes between pages.
import { useCallback, useEffect, useState, type ReactElement } from "react";
import { api, onUnauthorized, type ApiError } from "./api/client.js";
import { paths, signOut } from "./api/endpoints.js";
import type { Organization, SessionResponse } from "./api/types.js";
import { Layout } from "./components/layout.js";
import { Loading, ErrorMessage } from "./components/ui.js";
import { match, navigate, useLocation } from "./router.js";
import { SignInPage } from "./pages/sign-in.js";
import { IntegrationsPage } from "./pages/integrations.js";
import { IntegrationPage } from "./pages/integration.js";
import { UsersPage } from "./pages/users.js";
import { UserPage } from "./pages/user.js";
import { AccessPage } from "./pages/access.js";
import { ChangesPage } from "./pages/changes.js";
import { FindingsPage } from "./pages/findings.js";
import { NotFoundPage } from "./pages/not-found.js";
import { exploreRoute } from "./pages/explore-routes.js";
import { SettingsPage } from "./pages/settings.js";

type Session =
  | { state: "loading" }
  | { state: "signed-out" }
  | { state: "failed"; error: ApiError }
  | { state: "signed-in"; organization: Organization };

export function App(): ReactElement {
  const [session, setSession] = useState<Session>({ state: "loading" });
  const location = useLocation();

  const restore = useCallback(() => {
    setSession({ state: "loading" });
    api<SessionResponse>(paths.session).then(
      (s) => setSession({ state: "signed-in", organization: s.organization }),
      (error: ApiError) =>
        setSession(error.status === 401 ? { state: "signed-out" } : { state: "failed", error }),
    );
  }, []);

  useEffect(restore, [restore]);
  useEffect(() => onUnauthorized(() => setSession({ state: "signed-out" })), []);

  if (session.state === "loading") return <Loading label="Loading idc-sync…" />;
  if (session.state === "failed")
    return (
      <div className="center-page">
        <ErrorMessage error={session.error} retry={restore} />
      </div>
    );
  if (session.state === "signed-out")
    return (
      <SignInPage
        onSignedIn={(organization) => {
          setSession({ state: "signed-in", organization });
          if (location.path === "/" || location.path === "/sign-in") navigate("/integrations", {}, true);
        }}
      />
    );

  const onSignOut = () => {
    signOut().then(
      () => setSession({ state: "signed-out" }),
      () => setSession({ state: "signed-out" }),
    );
  };

  return (
    <Layout path={location.path} orgName={session.organization.name} onSignOut={onSignOut}>
      <Routes path={location.path} query={location.query} organization={session.organization} />
    </Layout>
  );
}

function Routes(props: { path: string; query: URLSearchParams; organization: Organization }): ReactElement {
  const { path, query } = props;
  if (path === "/" || path === "/sign-in") return <Redirect to="/integrations" />;
  if (path === "/integrations") return <IntegrationsPage organization={props.organization} />;
  let m = match("/integrations/:key", path);
  if (m !== null) return <IntegrationPage integrationKey={m.key ?? ""} organization={props.organization} />;
  if (path === "/users") return <UsersPage query={query} />;
  m = match("/users/:connectionId/:userId", path);
  if (m !== null) return <UserPage connectionId={m.connectionId ?? ""} userId={m.userId ?? ""} />;
  if (path === "/access") return <AccessPage query={query} />;
  if (path === "/changes") return <ChangesPage query={query} />;
  const explore = exploreRoute(path, query);
  if (explore !== null) return explore;
  if (path === "/findings") return <FindingsPage query={query} />;
  if (path === "/settings") return <SettingsPage />;
  return <NotFoundPage />;
}

function Redirect({ to }: { to: string }): ReactElement {
  useEffect(() => navigate(to, {}, true), [to]);
  return <Loading />;
}
