import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
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
