// The connection values form (Connect and Edit): inline validation with the server's rules, server
// errors naming a field shown next to that field, and the checks of a refused Connect above it.
import { useRef, useState, type FormEvent, type ReactElement } from "react";
import { ApiError } from "../api/client.js";
import type { CheckResult, CheckValuesBody } from "../api/types.js";
import { Icon } from "../components/icons.js";
import { CheckResultView, refusalOf } from "./check-result.js";
import { Field } from "../components/field.js";
import { Alert } from "../components/ui.js";
import {
  REGION_GROUPS,
  validateConnectForm,
  validateName,
  type ConnectFormValues,
  type FieldErrors,
} from "../validation.js";

export const SCHEDULES: { minutes: number; label: string }[] = [
  { minutes: 15, label: "Every 15 minutes" },
  { minutes: 60, label: "Every hour" },
  { minutes: 360, label: "Every 6 hours" },
  { minutes: 720, label: "Every 12 hours" },
  { minutes: 1440, label: "Every day" },
];

const FIELDS: (keyof ConnectFormValues)[] = [
  "roleArn",
  "region",
  "identityStoreId",
  "instanceArn",
  "name",
  "endpointUrl",
];

/** The AWS values (and the advanced endpoint, when given) as the API takes them. */
export function valuesBody(v: ConnectFormValues): CheckValuesBody {
  const endpointUrl = v.endpointUrl.trim();
  return {
    roleArn: v.roleArn.trim(),
    region: v.region,
    identityStoreId: v.identityStoreId.trim(),
    instanceArn: v.instanceArn.trim(),
    ...(endpointUrl === "" ? {} : { endpointUrl }),
  };
}

/** Maps a server error's field ("roleArn", "body.roleArn", "values.roleArn") onto a form field. */
export function formFieldOf(field: string | undefined): keyof ConnectFormValues | undefined {
  const last = field?.split(".").pop();
  return FIELDS.find((f) => f === last);
}

export interface ConnectionFormProps {
  formId: string;
  initial: ConnectFormValues & { scheduleMinutes: number };
  /** Throws ApiError on a server refusal (with the checks, when they refused the connection). */
  onSubmit: (values: ConnectFormValues & { scheduleMinutes: number }) => Promise<void>;
  onBusyChange: (busy: boolean) => void;
  /** Offers "Test connection" before saving (POST /api/connections/check). */
  onTest?: (values: ConnectFormValues) => Promise<CheckResult>;
  /**
   * Edit mode: the Identity Store ID and Instance ARN (the directory itself) are read-only; the
   * Role ARN and Region can change, and the API checks them before saving.
   */
  valuesLocked?: boolean;
}

/** What an edit may change (the rest names the directory, or is the operator's: the endpoint). */
const EDITABLE: ReadonlySet<keyof ConnectFormValues> = new Set(["name", "roleArn", "region"]);

function editErrors(v: ConnectFormValues): FieldErrors {
  const all = validateConnectForm(v);
  const name = validateName(v.name);
  return Object.fromEntries(
    Object.entries({ ...all, name }).filter(
      ([k, e]) => e !== undefined && EDITABLE.has(k as keyof ConnectFormValues),
    ),
  );
}

export function ConnectionForm(props: ConnectionFormProps): ReactElement {
  const [values, setValues] = useState(props.initial);
  const [touched, setTouched] = useState<Partial<Record<keyof ConnectFormValues, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<CheckResult | undefined>();
  const [advanced, setAdvanced] = useState(props.initial.endpointUrl !== "");
  const formRef = useRef<HTMLFormElement>(null);

  const locked = props.valuesLocked === true;
  const clientErrors: FieldErrors = !locked ? validateConnectForm(values) : editErrors(values);
  const errorOf = (k: keyof ConnectFormValues): string | undefined =>
    serverErrors[k] ?? (submitted || touched[k] === true ? clientErrors[k] : undefined);

  const set = (k: keyof ConnectFormValues | "scheduleMinutes", v: string) => {
    setValues((old) => ({ ...old, [k]: k === "scheduleMinutes" ? Number(v) : v }));
    if (k !== "scheduleMinutes") setServerErrors((old) => ({ ...old, [k]: undefined }));
  };
  const blur = (k: keyof ConnectFormValues) => setTouched((t) => ({ ...t, [k]: true }));

  const focusFirstInvalid = () => {
    if (clientErrors.endpointUrl !== undefined) setAdvanced(true);
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus(),
    );
  };

  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<CheckResult | undefined>();

  const test = () => {
    const onTest = props.onTest;
    setSubmitted(true);
    setFormError(undefined);
    setRefusal(undefined);
    setCheck(undefined);
    if (onTest === undefined) return;
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalid();
      return;
    }
    setTesting(true);
    onTest(values).then(
      (result) => {
        setTesting(false);
        setCheck(result);
        const field = result.error?.field ?? undefined;
        if (field !== undefined && field !== null) setServerErrors({ [field]: result.error?.message });
      },
      (err: unknown) => {
        setTesting(false);
        const field = err instanceof ApiError ? formFieldOf(err.field) : undefined;
        if (field !== undefined) setServerErrors({ [field]: (err as ApiError).message });
        else setFormError((err as Error).message);
      },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFormError(undefined);
    setRefusal(undefined);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalid();
      return;
    }
    props.onBusyChange(true);
    props.onSubmit(values).then(
      () => props.onBusyChange(false),
      (err: unknown) => {
        props.onBusyChange(false);
        const field = err instanceof ApiError ? formFieldOf(err.field) : undefined;
        const refused = refusalOf(err);
        if (refused !== undefined) {
          setCheck(undefined);
          setRefusal(refused);
          requestAnimationFrame(() => formRef.current?.scrollIntoView({ block: "start" }));
        }
        if (field !== undefined) setServerErrors({ [field]: (err as ApiError).message });
        else if (refused === undefined) setFormError((err as Error).message);
      },
    );
  };

  const text = (
    k: keyof ConnectFormValues,
    label: string,
    placeholder: string,
    hint?: string,
    optional = false,
  ) => (
    <Field label={label} error={errorOf(k)} {...(hint !== undefined ? { hint } : {})} optional={optional}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={k}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder}
          value={values[k]}
          onChange={(e) => set(k, e.target.value)}
          onBlur={() => blur(k)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          required={!optional}
          readOnly={locked && !EDITABLE.has(k)}
        />
      )}
    </Field>
  );

  return (
    <form id={props.formId} ref={formRef} onSubmit={submit} noValidate className="form-grid">
      {formError !== undefined && (
        <div className="form-span">
          <Alert tone="danger" title="Could not save the connection">
            {formError}
          </Alert>
        </div>
      )}
      {refusal !== undefined && (
        <div className="form-span">
          <CheckResultView
            result={refusal}
            refused
            hideError={formFieldOf(refusal.error?.field ?? undefined) !== undefined}
          />
        </div>
      )}
      {locked && (
        <div className="form-span">
          <Alert tone="info">
            A new Role ARN or Region is checked against AWS before it is saved; the history stays. The
            Identity Store ID and Instance ARN name the directory itself: to read another one, connect it.
          </Alert>
        </div>
      )}
      <div className="form-span">
        {text(
          "roleArn",
          "Role ARN",
          "arn:aws:iam::123456789012:role/idc-sync-read",
          "The role you created in your management account.",
        )}
      </div>
      <Field
        label="Region"
        error={errorOf("region")}
        hint="Where IAM Identity Center is enabled (its primary region)."
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="region"
            value={values.region}
            onChange={(e) => set("region", e.target.value)}
            onBlur={() => blur("region")}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            required
          >
            <option value="">Choose a region…</option>
            {REGION_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {text(
        "identityStoreId",
        "Identity Store ID",
        "d-1234567890",
        "IAM Identity Center → Settings → Identity source.",
      )}
      <div className="form-span">
        {text(
          "instanceArn",
          "Instance ARN",
          "arn:aws:sso:::instance/ssoins-1234567890abcdef",
          "IAM Identity Center → Settings → Details.",
        )}
      </div>
      {text("name", "Name", "e.g. Production organization", undefined, true)}
      <Field label="Sync schedule">
        {({ id }) => (
          <select
            id={id}
            name="scheduleMinutes"
            value={values.scheduleMinutes}
            onChange={(e) => set("scheduleMinutes", e.target.value)}
          >
            {SCHEDULES.some((s) => s.minutes === values.scheduleMinutes) ? null : (
              <option value={values.scheduleMinutes}>Every {values.scheduleMinutes} minutes</option>
            )}
            {SCHEDULES.map((s) => (
              <option key={s.minutes} value={s.minutes}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!locked && (
        <details
          className="disclosure form-span form-advanced"
          open={advanced}
          onToggle={(e) => setAdvanced(e.currentTarget.open)}
        >
          <summary>Advanced</summary>
          {text(
            "endpointUrl",
            "Endpoint URL",
            "http://127.0.0.1:4566",
            "Only for an AWS-compatible endpoint such as the idc-sync sandbox. Leave empty to use AWS.",
            true,
          )}
        </details>
      )}
      {props.onTest !== undefined && (
        <div className="form-span form-test">
          <button type="button" className="btn btn-secondary btn-small" onClick={test} disabled={testing}>
            <Icon name="activity" size={14} /> {testing ? "Testing…" : "Test connection"}
          </button>
          <span className="field-hint">
            Checks the role, its trust policy and each permission, without saving.
          </span>
          {check !== undefined && <CheckResultView result={check} />}
        </div>
      )}
    </form>
  );
}
