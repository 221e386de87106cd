// Sign in with an access token: the server checks it and sets an HttpOnly session cookie; the
// token is never kept by the app.
import { useState, type FormEvent, type ReactElement } from "react";
import { ApiError } from "../api/client.js";
import { signIn } from "../api/endpoints.js";
import type { Organization } from "../api/types.js";
import { Icon } from "../components/icons.js";

export function SignInPage({
  onSignedIn,
}: {
  onSignedIn: (organization: Organization) => void;
}): ReactElement {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() === "") {
      setError("Enter your access token.");
      return;
    }
    setBusy(true);
    setError(undefined);
    signIn(token.trim()).then(
      (s) => {
        setToken("");
        onSignedIn(s.organization);
      },
      (err: unknown) => {
        setBusy(false);
        setError(
          err instanceof ApiError && err.status === 401
            ? "That token was not accepted. Check it and try again."
            : (err as Error).message,
        );
      },
    );
  };

  return (
    <div className="auth-page">
      <main className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={20} />
          </span>
          <span className="brand-name">idc-sync</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">
          Use the access token of your organization. An install prints its admin token once, at first start.
        </p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="token">Access token</label>
            <input
              id="token"
              name="token"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={token}
              onChange={(e) => setToken(e.target.value)}
              aria-invalid={error !== undefined}
              aria-describedby={error !== undefined ? "token-error" : undefined}
            />
            {error !== undefined && (
              <p id="token-error" className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </main>
    </div>
  );
}
