import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedActions, CannedResponse } from '../../../shared/contracts/canned.js';
import type { MessageTemplate } from '../../../shared/contracts/message-templates.js';
import { FEEDBACK_STATUSES, PRIORITIES } from '../../../shared/enums.js';
import { api, type Department } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDateTime } from '../format.js';
import { deptName, Section, useList, useSubmit } from './admin-kit.js';
import { useActionSummary } from './canned-picker.js';

/** Statuses a macro may set (resolving needs a closure letter, merging a target): as the API's MACRO_STATUSES. */
export const MACRO_STATUSES = FEEDBACK_STATUSES.filter((s) => s !== 'resolved' && s !== 'merged');

const words = (s: string) =>
  s
    .split(/[,，、\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

/** Customer message templates and canned responses (macros): one admin section. */
export function TemplatesSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('admin.section.templates')}>
      <NoticeTemplates />
      <CannedResponses />
    </Section>
  );
}

interface Preview {
  subject: string | null;
  body: string;
}

/** The notices and the mail acknowledgement: choose kind, channel and language; edit, preview, reset. */
function NoticeTemplates() {
  const { t } = useTranslation();
  const list = useList<MessageTemplate>('/message-templates');
  const form = useSubmit();
  const [kind, setKind] = useState('accepted');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState(false);

  const rows = list.rows ?? [];
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const channels = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.channel))];
  const current = rows.find((r) => r.kind === kind && r.channel === channel && r.locale === locale);
  const path = `/message-templates/${kind}/${channel}/${locale}`;

  // The editor follows the chosen template (and the list after a save or reset).
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setBody(current?.body ?? '');
    setPreview(null);
  }, [current]);
  const draft = () => ({ ...(channel === 'email' ? { subject } : {}), body });
  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void form.run(async () => {
      await api('PUT', path, { body: draft() });
      setSaved(true);
      list.reload();
    });
  };
  const doPreview = () => {
    setSaved(false);
    void form.run(async () => {
      const res = await api<{ data: Preview }>('POST', `${path}/preview`, { body: draft() });
      setPreview(res.data);
    });
  };
  const reset = () => {
    setSaved(false);
    void form.run(async () => {
      await api('DELETE', path);
      list.reload();
    });
  };

  return (
    <div data-testid="notice-templates">
      <h3>{t('templates.notices')}</h3>
      <p className="muted">{t('templates.noticesIntro')}</p>
      <ErrorMessage error={list.error} />
      <div className="row">
        <label>
          {t('templates.kind')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              // A kind sent only by email (the mail acknowledgement) has no SMS.
              if (e.target.value === 'mail_acknowledgement') setChannel('email');
            }}
            data-testid="template-kind"
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`templates.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('templates.channel')}
          <select
            value={channel}
            onChange={(e) => setChannel(e.target.value === 'sms' ? 'sms' : 'email')}
            data-testid="template-channel"
          >
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`templates.channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('templates.locale')}
          <select
            value={locale}
            onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'zh-CN')}
            data-testid="template-locale"
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      {current ? (
        <form className="admin-form" onSubmit={save} noValidate data-testid="template-form">
          <p data-testid="template-state">
            {current.isDefault ? (
              <span className="tag">{t('templates.isDefault')}</span>
            ) : (
              <span className="tag">
                {t('templates.customised', {
                  at: current.updatedAt ? formatDateTime(current.updatedAt) : '',
                })}
              </span>
            )}
          </p>
          {form.formError}
          {channel === 'email' ? (
            <label>
              {t('templates.subject')}
              <input
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                data-testid="template-subject"
              />
              {form.fieldError('subject')}
            </label>
          ) : null}
          <label>
            {t('templates.body')}
            <textarea
              rows={10}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              data-testid="template-body"
            />
            {form.fieldError('body')}
          </label>
          <p className="small">
            {t('templates.variables')}{' '}
            {current.variables.map((v) => (
              <code key={v} className="small">
                {`{{${v}}}`}{' '}
              </code>
            ))}
          </p>
          <div className="row">
            <button type="submit" className="primary" disabled={form.busy} data-testid="template-save">
              {t('admin.save')}
            </button>
            <button
              type="button"
              disabled={form.busy}
              onClick={doPreview}
              data-testid="template-preview-button"
            >
              {t('templates.preview')}
            </button>
            <button
              type="button"
              className="link"
              disabled={form.busy || current.isDefault}
              onClick={reset}
              data-testid="template-reset"
            >
              {t('templates.reset')}
            </button>
            {saved ? <span className="muted">{t('templates.saved')}</span> : null}
          </div>
          {preview ? (
            <div className="alert info" data-testid="template-preview">
              <p>
                <strong>{t('templates.previewTitle')}</strong>
              </p>
              {preview.subject !== null ? (
                <p data-testid="template-preview-subject">
                  {t('templates.subject')}: {preview.subject}
                </p>
              ) : null}
              <pre className="prewrap">{preview.body}</pre>
            </div>
          ) : null}
          <details>
            <summary>{t('templates.defaultText')}</summary>
            {current.default.subject !== null ? <p>{current.default.subject}</p> : null}
            <pre className="prewrap" data-testid="template-default">
              {current.default.body}
            </pre>
          </details>
        </form>
      ) : null}
    </div>
  );
}

interface CannedDraft {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  departmentId: string;
  status: string;
  addTags: string;
  priority: string;
}
const EMPTY: CannedDraft = {
  titleZh: '',
  titleEn: '',
  bodyZh: '',
  bodyEn: '',
  departmentId: '',
  status: '',
  addTags: '',
  priority: '',
};

function draftOf(c: CannedResponse): CannedDraft {
  return {
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    bodyZh: c.bodyZh,
    bodyEn: c.bodyEn,
    departmentId: c.departmentId ?? '',
    status: c.actions?.status ?? '',
    addTags: (c.actions?.addTags ?? []).join(', '),
    priority: c.actions?.priority ?? '',
  };
}

function actionsOf(d: CannedDraft): CannedActions | null {
  const actions: Record<string, unknown> = {};
  if (d.status) actions.status = d.status;
  if (words(d.addTags).length) actions.addTags = words(d.addTags);
  if (d.priority) actions.priority = d.priority;
  return Object.keys(actions).length ? (actions as CannedActions) : null;
}

/** Canned responses: list, create / edit with both bodies and macro actions, delete. */
function CannedResponses() {
  const { t } = useTranslation();
  const list = useList<CannedResponse>('/canned-responses');
  const variables = useList<string>('/canned-responses/variables');
  const depts = useList<Department>('/departments');
  const form = useSubmit();
  const rowAction = useSubmit();
  const summary = useActionSummary();
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [draft, setDraft] = useState<CannedDraft>(EMPTY);
  const set = (k: keyof CannedDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const save = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      const body = {
        titleZh: draft.titleZh,
        titleEn: draft.titleEn,
        bodyZh: draft.bodyZh,
        bodyEn: draft.bodyEn,
        departmentId: draft.departmentId || null,
        actions: actionsOf(draft),
      };
      if (editing) await api('PATCH', `/canned-responses/${editing.id}`, { body });
      else await api('POST', '/canned-responses', { body });
      setEditing(null);
      setDraft(EMPTY);
      list.reload();
    });
  };

  return (
    <div data-testid="canned-responses">
      <h3>{t('templates.canned')}</h3>
      <p className="muted">{t('templates.cannedIntro')}</p>
      <ErrorMessage error={list.error} />
      {rowAction.formError}
      <div className="table-wrap">
        <table className="items" data-testid="canned-table">
          <thead>
            <tr>
              <th>{t('templates.title')}</th>
              <th>{t('templates.department')}</th>
              <th>{t('templates.macroActions')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(list.rows ?? []).map((c) => (
              <tr key={c.id} data-title={c.titleZh}>
                <td>{c.title}</td>
                <td>
                  {c.departmentId
                    ? (depts.rows ?? []).filter((d) => d.id === c.departmentId).map(deptName)[0]
                    : t('templates.everyone')}
                </td>
                <td>{summary(c.actions) || <span className="muted">{t('app.none')}</span>}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setEditing(c);
                      setDraft(draftOf(c));
                    }}
                  >
                    {t('admin.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void rowAction.run(async () => {
                        await api('DELETE', `/canned-responses/${c.id}`);
                        list.reload();
                      })
                    }
                  >
                    {t('admin.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-form" onSubmit={save} noValidate data-testid="canned-form">
        <h3>{editing ? t('templates.editCanned', { title: editing.title }) : t('templates.createCanned')}</h3>
        {form.formError}
        <div className="grid2">
          <label>
            {t('templates.titleZh')}
            <input value={draft.titleZh} onChange={set('titleZh')} name="titleZh" />
            {form.fieldError('titleZh')}
          </label>
          <label>
            {t('templates.titleEn')}
            <input value={draft.titleEn} onChange={set('titleEn')} name="titleEn" />
            {form.fieldError('titleEn')}
          </label>
          <label>
            {t('templates.bodyZh')}
            <textarea rows={4} value={draft.bodyZh} onChange={set('bodyZh')} name="bodyZh" />
            {form.fieldError('bodyZh')}
          </label>
          <label>
            {t('templates.bodyEn')}
            <textarea rows={4} value={draft.bodyEn} onChange={set('bodyEn')} name="bodyEn" />
            {form.fieldError('bodyEn')}
          </label>
          <label>
            {t('templates.department')}
            <select value={draft.departmentId} onChange={set('departmentId')}>
              <option value="">{t('templates.everyone')}</option>
              {(depts.rows ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {deptName(d)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="small">
          {t('templates.variables')}{' '}
          {(variables.rows ?? []).map((v) => (
            <code key={v} className="small">
              {`{{${v}}}`}{' '}
            </code>
          ))}
        </p>
        <fieldset>
          <legend>{t('templates.macroActions')}</legend>
          <p className="muted small">{t('templates.macroIntro')}</p>
          <div className="grid2">
            <label>
              {t('templates.setStatus')}
              <select value={draft.status} onChange={set('status')} name="status">
                <option value="">{t('templates.unchanged')}</option>
                {MACRO_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
              {form.fieldError('actions.status')}
            </label>
            <label>
              {t('templates.addTags')}
              <input value={draft.addTags} onChange={set('addTags')} name="addTags" />
              {form.fieldError('actions.addTags')}
            </label>
            <label>
              {t('templates.setPriority')}
              <select value={draft.priority} onChange={set('priority')} name="priority">
                <option value="">{t('templates.unchanged')}</option>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={form.busy} data-testid="canned-save">
            {editing ? t('admin.save') : t('templates.createSubmit')}
          </button>
          {editing ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                setEditing(null);
                setDraft(EMPTY);
              }}
            >
              {t('admin.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
