import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Department, type FeedbackItem } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { currentLanguage } from '../i18n/index.js';

/**
 * Sharing with other departments (cross-department collaboration): their members see and work on the item
 * while its department and assignee stay the owners.
 */
export function SharesPanel({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<{ data: Department[] }>('GET', '/departments')
      .then((r) => setDepartments(r.data))
      .catch(() => setDepartments([]));
  }, []);

  async function act(request: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await request();
      setChoice('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function share(e: FormEvent) {
    e.preventDefault();
    if (!choice) return;
    void act(() =>
      api('POST', `/feedback/${encodeURIComponent(item.id)}/shares`, { body: { departmentId: choice } }),
    );
  }

  const zh = currentLanguage() === 'zh-CN';
  const nameOf = (id: string) => {
    const d = departments.find((x) => x.id === id);
    return d ? (zh ? d.nameZh : d.nameEn) : id;
  };
  const candidates = departments.filter(
    (d) => d.id !== item.department?.id && !item.sharedWith.includes(d.id),
  );
  return (
    <section className="panel" aria-labelledby="shares-title" data-testid="shares-panel">
      <h2 id="shares-title">{t('shares.title')}</h2>
      <p className="muted">{t('shares.hint')}</p>
      {item.sharedWith.length === 0 ? (
        <p className="muted">{t('shares.none')}</p>
      ) : (
        <ul className="subtasks">
          {item.sharedWith.map((id) => (
            <li key={id} className="row between" data-testid="share">
              <span>{nameOf(id)}</span>
              <button
                type="button"
                disabled={busy}
                aria-label={t('shares.stopFor', { department: nameOf(id) })}
                onClick={() =>
                  void act(() =>
                    api(
                      'DELETE',
                      `/feedback/${encodeURIComponent(item.id)}/shares/${encodeURIComponent(id)}`,
                    ),
                  )
                }
              >
                {t('shares.stop')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="transition-form" onSubmit={share}>
        <label>
          {t('shares.department')}
          <select name="shareDepartmentId" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('shares.choose')}</option>
            {candidates.map((d) => (
              <option key={d.id} value={d.id}>
                {zh ? d.nameZh : d.nameEn}
              </option>
            ))}
          </select>
        </label>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy || !choice}>
          {t('shares.share')}
        </button>
      </form>
    </section>
  );
}
