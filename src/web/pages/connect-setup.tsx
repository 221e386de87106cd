// Step 1 of connecting: what the customer creates in AWS (a role trusting our principal with
// their external id, the read-only policy), with copy buttons and the CloudFormation template.
import { useEffect, useMemo, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { SetupResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { CopyBlock } from "../components/copy-button.js";
import { Icon } from "../components/icons.js";
import { Alert, Loading } from "../components/ui.js";

const asJson = (doc: unknown): string => (typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
const present = (doc: unknown): boolean => doc !== null && doc !== undefined && doc !== "";

function DownloadTemplate({ template }: { template: string }): ReactElement {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([template], { type: "application/json" })),
    [template],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a className="btn btn-secondary btn-small" href={url} download="idc-sync-role.template.json">
      <Icon name="download" size={14} /> Download CloudFormation template
    </a>
  );
}

export function ConnectSetup(): ReactElement {
  const setup = useApi<SetupResponse>(paths.setup);
  if (setup.error !== undefined)
    return (
      <Alert tone="warning" title="The setup documents could not be loaded">
        {setup.error.message}
      </Alert>
    );
  if (setup.data === undefined) return <Loading label="Loading setup documents…" />;
  const s = setup.data;
  return (
    <div className="setup">
      {s.platformPrincipalArn !== null ? (
        <p className="muted">
          In your AWS management account, create a role with a custom trust policy that names{" "}
          <code className="break">{s.platformPrincipalArn}</code> and requires your External ID, and attach
          the read-only permission policy. Or deploy the CloudFormation template, which creates both.
        </p>
      ) : (
        <p className="muted">
          In your AWS management account, create a role that trusts idc-sync&apos;s AWS principal and requires
          your External ID, and attach the read-only permission policy below.
        </p>
      )}
      {s.problem !== null && (
        <Alert
          tone="warning"
          title="Missing: idc-sync's AWS principal (for the trust policy and the template)"
        >
          {s.problem}
        </Alert>
      )}
      <CopyBlock label="External ID" value={s.externalId} />
      <details className="disclosure">
        <summary>Permission policy (read-only)</summary>
        <CopyBlock label="Permission policy" value={asJson(s.permissionPolicy)} multiline />
      </details>
      {present(s.trustPolicy) && (
        <details className="disclosure">
          <summary>Trust policy</summary>
          <CopyBlock label="Trust policy" value={asJson(s.trustPolicy)} multiline />
        </details>
      )}
      {present(s.cloudFormationTemplate) && (
        <div className="setup-download">
          <DownloadTemplate template={asJson(s.cloudFormationTemplate)} />
        </div>
      )}
    </div>
  );
}
