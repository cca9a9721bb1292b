import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedActions, CannedResponse } from '../../../shared/contracts/canned.js';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export type ReplyLanguage = 'zh-CN' | 'en';

/** What a macro also does, in words: "Status → In progress; add tags: a, b; priority → High". */
export function useActionSummary(): (a: CannedActions | null) => string {
  const { t } = useTranslation();
  return (a) => {
    if (!a) return '';
    const parts: string[] = [];
    if (a.status) parts.push(t('templates.action.status', { status: t(`status.${a.status}`) }));
    if (a.addTags?.length) parts.push(t('templates.action.addTags', { tags: a.addTags.join(', ') }));
    if (a.priority) parts.push(t('templates.action.priority', { priority: t(`priority.${a.priority}`) }));
    return parts.join(t('templates.action.separator'));
  };
}

/**
 * The composer's canned-response picker: the reply language, a choice of the responses offered to the agent
 * (GET /canned-responses), and the chosen one rendered for the item in that language
 * (POST /feedback/:id/canned-responses/:cid/render) and handed to the composer. A macro's actions are shown
 * under it; the composer applies them when the reply is sent.
 */
export function CannedPicker({
  feedbackId,
  language,
  onLanguage,
  picked,
  onPick,
}: {
  feedbackId: string;
  language: ReplyLanguage;
  onLanguage: (l: ReplyLanguage) => void;
  picked: CannedResponse | null;
  onPick: (response: CannedResponse | null, text: string | null) => void;
}) {
  const { t } = useTranslation();
  const summary = useActionSummary();
  const [responses, setResponses] = useState<CannedResponse[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    api<{ data: CannedResponse[] }>('GET', '/canned-responses', { signal: ctl.signal })
      .then((r) => setResponses(r.data))
      // Analysts and department members may not use canned responses: no picker for them, no error.
      .catch(() => setResponses([]));
    return () => ctl.abort();
  }, []);

  async function render(response: CannedResponse, lang: ReplyLanguage) {
    setError(null);
    try {
      const res = await api<{ data: { text: string } }>(
        'POST',
        `/feedback/${encodeURIComponent(feedbackId)}/canned-responses/${response.id}/render`,
        { body: { language: lang } },
      );
      onPick(response, res.data.text);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="canned-picker" data-testid="canned-picker">
      <div className="row">
        <label>
          {t('templates.replyLanguage')}{' '}
          <select
            value={language}
            data-testid="reply-language"
            onChange={(e) => {
              const lang: ReplyLanguage = e.target.value === 'en' ? 'en' : 'zh-CN';
              onLanguage(lang);
              if (picked) void render(picked, lang);
            }}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        {responses.length > 0 ? (
          <label>
            {t('templates.insertCanned')}{' '}
            <select
              value={picked?.id ?? ''}
              data-testid="canned-select"
              onChange={(e) => {
                const response = responses.find((r) => r.id === e.target.value) ?? null;
                if (response) void render(response, language);
                else onPick(null, null);
              }}
            >
              <option value="">{t('templates.noCanned')}</option>
              {responses.map((r) => (
                <option key={r.id} value={r.id}>
                  {language === 'en' ? r.titleEn : r.titleZh}
                  {r.actions ? ` ⚙` : ''}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {picked?.actions ? (
        <p className="alert info small" data-testid="macro-actions">
          {t('templates.macroWillAlso', { actions: summary(picked.actions) })}
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
