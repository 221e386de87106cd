import type { ReactElement } from "react";
import { EmptyState } from "../components/ui.js";

export function NotFoundPage(): ReactElement {
  return (
    <EmptyState
      icon="alert"
      title="Page not found"
      action={
        <a className="btn btn-secondary" href="#/integrations">
          Go to Integrations
        </a>
      }
    >
      The address does not match any page.
    </EmptyState>
  );
}
