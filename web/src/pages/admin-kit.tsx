import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Department } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { currentLanguage } from '../i18n/index.js';

/** Loads `path` (a list answered as `{ data }`), with a reload function and the error of the last try. */
export function useList<T>(path: string | null): { rows: T[] | null; error: unknown; reload: () => void } {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    api<{ data: T[] }>('GET', path, { signal: ctl.signal })
      .then((r) => {
        setRows(r.data);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e);
      });
    return () => ctl.abort();
  }, [path, tick]);
  return { rows, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}

/** One admin form: busy flag, the error of the last submit and its problems per field. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await action();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setFields(e.fieldIssues());
    } finally {
      setBusy(false);
    }
  }, []);
  // Fields that show their own problem (registered by fieldError as the form renders); a problem on any
  // other path is shown at the top of the form instead, so no error goes unseen.
  const shown = useRef(new Set<string>());
  const fieldError = (key: string) => {
    shown.current.add(key);
    return fields[key] ? (
      <span className="field-error" role="alert">
        {fields[key]}
      </span>
    ) : null;
  };
  const onField = Object.keys(fields).some((k) => shown.current.has(k));
  const formError = onField ? null : <ErrorMessage error={error} />;
  return { busy, run, fields, fieldError, formError };
}

export function deptName(d: Department): string {
  return currentLanguage() === 'zh-CN' ? d.nameZh : d.nameEn;
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel admin-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** What useSubmit returns: the busy flag, the run wrapper and the errors of one form or one set of row actions. */
export type Submit = ReturnType<typeof useSubmit>;

/**
 * A list (useList) with the row actions done on it: they share one busy flag and one error (`rowAction`);
 * `change(method, path, body)` is such an action — the API call, then the list reloaded.
 */
export function useAdminList<T>(path: string | null) {
  const list = useList<T>(path);
  const rowAction = useSubmit();
  const { reload } = list;
  const change =
    (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', apiPath: string, body?: unknown) => async () => {
      await api(method, apiPath, body === undefined ? {} : { body });
      reload();
    };
  return { ...list, rowAction, change };
}

/** A labelled form row: the label's text, the control, then the control's own problem (form.fieldError). */
export function Field({ label, error, children }: { label: string; error?: ReactNode; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is among the children
    <label>
      {label}
      {children}
      {error}
    </label>
  );
}

/** An admin table: header cells (an empty string for a blank one), the rows, and a muted row when `empty` is given. */
export function AdminTable({
  testId,
  headers,
  empty,
  above,
  children,
}: {
  testId: string;
  headers: string[];
  /** The text of the one row shown when there is nothing to list (null while there is, or not yet known). */
  empty?: string | null;
  /** Shown inside the scrolling wrapper, above the table. */
  above?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      {above}
      <table className="items" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the header row is fixed
              <th key={i}>{h || null}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty ? (
            <tr>
              <td colSpan={headers.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** A link-styled button that runs `action` as one of `submit`'s actions (busy flag and error shared). */
export function ActionButton({
  submit,
  action,
  disabled,
  label,
  children,
}: {
  submit: Submit;
  action: () => Promise<void>;
  disabled?: boolean;
  /** The accessible name, where the visible text alone would not say which row it acts on. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="link"
      aria-label={label}
      disabled={disabled}
      onClick={() => void submit.run(action)}
    >
      {children}
    </button>
  );
}

/** The row's "Remove" button (no confirmation step: removing is immediate, as it always was). */
export function RemoveButton(props: Omit<Parameters<typeof ActionButton>[0], 'children'>) {
  const { t } = useTranslation();
  return <ActionButton {...props}>{t('admin.remove')}</ActionButton>;
}

/**
 * An admin form: heading, the error not shown on a field, the fields (children), then the primary submit
 * button when `submitLabel` is given. Submitting runs `action` through `form` (busy flag, errors).
 */
export function AdminForm({
  title,
  form,
  action,
  submitLabel,
  submitDisabled = false,
  children,
}: {
  title?: string;
  form: Submit;
  action: () => Promise<void>;
  submitLabel?: string;
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(action);
  };
  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate>
      {title ? <h3>{title}</h3> : null}
      {form.formError}
      {children}
      {submitLabel ? (
        <button type="submit" className="primary" disabled={form.busy || submitDisabled}>
          {submitLabel}
        </button>
      ) : null}
    </form>
  );
}
