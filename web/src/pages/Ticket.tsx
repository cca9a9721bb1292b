import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../shared/contracts/canned.js';
import type { Customer } from '../../../shared/contracts/customers.js';
import type { FeedbackLink } from '../../../shared/contracts/feedback.js';
import { type FeedbackStatus, PRIORITIES, type Priority } from '../../../shared/enums.js';
import { allowedTransitions } from '../../../shared/feedback/status-machine.js';
import {
  ApiError,
  api,
  type Department,
  type FeedbackEvent,
  type FeedbackItem,
  type FeedbackMessage,
  type User,
  uploadAttachment,
} from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { NatureLabel, PriorityLabel, StatusLabel, useAreaLabel } from '../components/Labels.js';
import { MessageBody } from '../components/SafeHtml.js';
import { SlaBadge } from '../components/SlaBadge.js';
import { formatDateTime, formatNumber } from '../format.js';
import { currentLanguage } from '../i18n/index.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { useShortcuts } from '../shortcuts.js';
import { CannedPicker, type ReplyLanguage } from './canned-picker.js';
import { PastRatings } from './customer-ratings.js';
import { SubtasksPanel } from './Subtasks.js';
import { SharesPanel } from './ticket-shares.js';

type Entry = { at: string; key: string } & (
  | { kind: 'message'; message: FeedbackMessage }
  | { kind: 'event'; event: FeedbackEvent }
);

interface TicketData {
  item: FeedbackItem;
  messages: FeedbackMessage[];
  events: FeedbackEvent[];
}

async function loadTicket(id: string): Promise<TicketData> {
  const [item, messages, events] = await Promise.all([
    api<{ data: FeedbackItem }>('GET', `/feedback/${encodeURIComponent(id)}`),
    api<{ data: FeedbackMessage[] }>('GET', `/feedback/${encodeURIComponent(id)}/messages`, {
      query: { limit: 500 },
    }),
    api<{ data: FeedbackEvent[] }>('GET', `/feedback/${encodeURIComponent(id)}/events`, {
      query: { limit: 500 },
    }),
  ]);
  return { item: item.data, messages: messages.data, events: events.data };
}

/** Messages and history in one time line; "message added" events are the messages themselves. */
function timeline(data: TicketData): Entry[] {
  const entries: Entry[] = [
    ...data.messages.map((m): Entry => ({ kind: 'message', at: m.createdAt, key: `m${m.id}`, message: m })),
    ...data.events
      .filter((e) => e.type !== 'message_added')
      .map((e): Entry => ({ kind: 'event', at: e.createdAt, key: `e${e.id}`, event: e })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

function EventLine({ event }: { event: FeedbackEvent }) {
  const { t } = useTranslation();
  const areaLabel = useAreaLabel();
  const value = (prefix: string, v: string | null) =>
    v ? t(`${prefix}.${v}`, { defaultValue: v }) : t('app.none');
  let text: string;
  switch (event.type) {
    case 'status_changed':
      text = t('event.status_changed', { from: value('status', event.from), to: value('status', event.to) });
      break;
    case 'priority_changed':
      text = t('event.priority_changed', {
        from: value('priority', event.from),
        to: value('priority', event.to),
      });
      break;
    case 'business_area_changed':
      text = t('event.business_area_changed', { from: areaLabel(event.from), to: areaLabel(event.to) });
      break;
    case 'nature_changed':
      text = t('event.nature_changed', { from: value('nature', event.from), to: value('nature', event.to) });
      break;
    case 'created': {
      const channel = typeof event.data?.channel === 'string' ? event.data.channel : (event.to ?? '');
      text = t('event.created', {
        channel: channel ? t(`channel.${channel}`, { defaultValue: channel }) : '',
      });
      break;
    }
    default:
      // History types such as "sla.at_risk" are looked up as "event.sla_at_risk".
      text = t(`event.${event.type.replace(/\W/g, '_')}`, {
        defaultValue: t('event.other', { type: event.type }),
      });
  }
  const who = event.actor.type === 'system' ? t('event.system') : (event.actor.name ?? t('app.none'));
  return (
    <li className="event" data-testid="timeline-event" data-type={event.type}>
      <span className="event-text">{text}</span>
      <span className="muted">
        {' · '}
        {t('event.by', { name: who })} ·{' '}
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </span>
      {event.reason ? <div className="muted reason">{t('event.why', { reason: event.reason })}</div> : null}
    </li>
  );
}

function MessageCard({ message }: { message: FeedbackMessage }) {
  const { t } = useTranslation();
  return (
    <li className={`message kind-${message.kind}`} data-testid="timeline-message" data-kind={message.kind}>
      <div className="message-head">
        <strong>{t(`ticket.kind.${message.kind}`)}</strong>
        {message.author?.name ? <span> · {message.author.name}</span> : null}
        <span className="muted">
          {' · '}
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
        </span>
        {message.kind === 'note' ? <span className="internal-badge">{t('ticket.internalBadge')}</span> : null}
      </div>
      <MessageBody body={message.body} />
      {message.attachments.length ? (
        <ul className="attachments" aria-label={t('ticket.attachments')}>
          {message.attachments.map((a) => (
            <li key={a.id} data-testid="attachment">
              <a
                href={`/api/v1/feedback/${encodeURIComponent(message.feedbackId)}/attachments/${encodeURIComponent(a.id)}`}
                download={a.fileName}
              >
                {a.fileName}
              </a>{' '}
              <span className="muted">({formatBytes(a.sizeBytes)})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Composer({ id, onSent }: { id: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [internal, setInternal] = useState(false);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  // Canned responses: the reply's language and the chosen response (a macro's actions run on send).
  const [replyLanguage, setReplyLanguage] = useState<ReplyLanguage>(
    currentLanguage() === 'en' ? 'en' : 'zh-CN',
  );
  const [canned, setCanned] = useState<CannedResponse | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Keyboard: r writes a reply, n an internal note.
  useShortcuts({
    r: () => {
      setInternal(false);
      textarea.current?.focus();
    },
    n: () => {
      setInternal(true);
      textarea.current?.focus();
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      // Two steps: each file is uploaded on its own, then the message names the one-time tokens.
      const tokens: string[] = [];
      for (const f of files) tokens.push((await uploadAttachment(f)).token);
      if (canned?.actions && !internal)
        // A macro: the reply and its actions in one call (one transaction on the server).
        await api('POST', `/feedback/${encodeURIComponent(id)}/canned-responses/${canned.id}/apply`, {
          body: { language: replyLanguage, body, ...(tokens.length ? { attachments: tokens } : {}) },
        });
      else
        await api('POST', `/feedback/${encodeURIComponent(id)}/messages`, {
          body: { body, internal, ...(tokens.length ? { attachments: tokens } : {}) },
        });
      setCanned(null);
      setBody('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
      setSent(true);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`panel composer ${internal ? 'is-note' : ''}`} onSubmit={submit}>
      <div className="segmented" role="radiogroup" aria-label={t('ticket.composer.title')}>
        <label>
          <input type="radio" name="mode" checked={!internal} onChange={() => setInternal(false)} />
          {t('ticket.composer.reply')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="note"
            checked={internal}
            onChange={() => setInternal(true)}
            data-testid="mode-note"
          />
          {t('ticket.composer.note')}
        </label>
      </div>
      {internal ? null : (
        <CannedPicker
          feedbackId={id}
          language={replyLanguage}
          onLanguage={setReplyLanguage}
          picked={canned}
          onPick={(response, text) => {
            setCanned(response);
            if (text !== null) setBody(text);
          }}
        />
      )}
      <textarea
        ref={textarea}
        name="body"
        rows={4}
        aria-label={t('ticket.composer.title')}
        placeholder={internal ? t('ticket.composer.placeholderNote') : t('ticket.composer.placeholderReply')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <label className="attach">
        {t('ticket.composer.attach')}
        <input
          ref={fileInput}
          type="file"
          multiple
          data-testid="composer-files"
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
      </label>
      <ErrorMessage error={error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={busy || !body.trim()}
          data-testid="composer-submit"
        >
          {busy
            ? t('ticket.composer.sending')
            : internal
              ? t('ticket.composer.addNote')
              : t('ticket.composer.send')}
        </button>
        {sent ? <span className="muted">{t('ticket.composer.sent')}</span> : null}
      </div>
    </form>
  );
}

function StatusActions({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<FeedbackStatus | null>(null);
  const [reason, setReason] = useState('');
  const [closure, setClosure] = useState({ rootCause: '', remedy: '', prevention: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // Merging has its own action (the links panel: merge into a related item), not a plain status change.
  const options = allowedTransitions(item.status).filter((s) => s !== 'merged');

  function choose(to: FeedbackStatus) {
    setTarget(to);
    setError(null);
    setFields({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await api('POST', `/feedback/${encodeURIComponent(item.id)}/transitions`, {
        body: {
          to: target,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(target === 'resolved' ? { closure } : {}),
        },
      });
      setTarget(null);
      setReason('');
      setClosure({ rootCause: '', remedy: '', prevention: '' });
      onChanged();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fieldIssues());
    } finally {
      setBusy(false);
    }
  }

  const closureField = (key: keyof typeof closure) => (
    <label key={key}>
      {t(`ticket.closure.${key}`)}
      <textarea
        name={key}
        rows={3}
        required
        value={closure[key]}
        aria-invalid={Boolean(fields[`closure.${key}`])}
        onChange={(e) => setClosure((c) => ({ ...c, [key]: e.target.value }))}
      />
      {fields[`closure.${key}`] ? <span className="field-error">{fields[`closure.${key}`]}</span> : null}
    </label>
  );

  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('ticket.actions')}</h2>
      {options.length === 0 ? <p className="muted">{t('ticket.noTransitions')}</p> : null}
      <div className="row wrap">
        {options.map((to) => (
          <button
            key={to}
            type="button"
            className={target === to ? 'active' : ''}
            data-transition={to}
            onClick={() => choose(to)}
          >
            {t('ticket.moveTo', { status: t(`status.${to}`) })}
          </button>
        ))}
      </div>
      {target ? (
        <form onSubmit={submit} className="transition-form" data-testid="transition-form">
          {target === 'resolved' ? (
            <fieldset className="closure">
              <legend>{t('ticket.closure.title')}</legend>
              <p className="muted">{t('ticket.closure.intro')}</p>
              {closureField('rootCause')}
              {closureField('remedy')}
              {closureField('prevention')}
            </fieldset>
          ) : null}
          <label>
            {t('ticket.reason')}
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <ErrorMessage error={error} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy} data-testid="transition-submit">
              {busy
                ? t('ticket.saving')
                : target === 'resolved'
                  ? t('ticket.closure.submit')
                  : t('ticket.confirm')}
            </button>
            <button type="button" className="link" onClick={() => setTarget(null)}>
              {t('ticket.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function PriorityPanel({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const [priority, setPriority] = useState<Priority>(item.priority);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => setPriority(item.priority), [item.priority]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      // The server requires the reason and answers in the user's language when it is missing.
      await api('PATCH', `/feedback/${encodeURIComponent(item.id)}`, {
        body: { priority, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      setReason('');
      setSaved(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel actions" aria-labelledby="priority-title">
      <h2 id="priority-title">{t('ticket.priorityChange.title')}</h2>
      <form className="transition-form" onSubmit={submit}>
        <label>
          {t('ticket.priorityChange.to')}
          <select name="priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ticket.priorityChange.reason')}
          <input name="priorityReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" disabled={busy || priority === item.priority}>
            {t('ticket.priorityChange.submit')}
          </button>
          {saved ? <span className="muted">{t('ticket.priorityChange.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}

const KEEP = '';
const NOBODY = '-';

function AssignPanel({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [assignee, setAssignee] = useState(KEEP);
  const [department, setDepartment] = useState(KEEP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // Keyboard: a jumps to the assignee choice.
  const assigneeSelect = useRef<HTMLSelectElement>(null);
  useShortcuts({ a: () => assigneeSelect.current?.focus() });

  useEffect(() => {
    // Choices only: a caller who may not list users or departments can still assign to themselves.
    api<{ data: User[] }>('GET', '/users', { query: { limit: 200, active: 'true' } })
      .then((r) => setUsers(r.data))
      .catch(() => setUsers([]));
    api<{ data: Department[] }>('GET', '/departments')
      .then((r) => setDepartments(r.data))
      .catch(() => setDepartments([]));
  }, []);

  async function send(body: { assigneeId?: string | null; departmentId?: string | null }) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api('POST', `/feedback/${encodeURIComponent(item.id)}/assign`, { body });
      setAssignee(KEEP);
      setDepartment(KEEP);
      setSaved(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: { assigneeId?: string | null; departmentId?: string | null } = {};
    if (assignee !== KEEP) body.assigneeId = assignee === NOBODY ? null : assignee;
    if (department !== KEEP) body.departmentId = department === NOBODY ? null : department;
    if (Object.keys(body).length > 0) void send(body);
  }

  const lang = currentLanguage();
  return (
    <section className="panel actions" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('ticket.assign.title')}</h2>
      {user && item.assignee?.id !== user.id ? (
        <button type="button" disabled={busy} onClick={() => void send({ assigneeId: user.id })}>
          {t('ticket.assign.toMe')}
        </button>
      ) : null}
      <form className="transition-form" onSubmit={submit}>
        <label>
          {t('ticket.assign.assignee')}
          <select
            ref={assigneeSelect}
            name="assigneeId"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          >
            <option value={KEEP}>{t('ticket.assign.keep')}</option>
            <option value={NOBODY}>{t('ticket.assign.nobody')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ticket.assign.department')}
          <select name="departmentId" value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value={KEEP}>{t('ticket.assign.keep')}</option>
            <option value={NOBODY}>{t('ticket.assign.nobody')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {lang === 'zh-CN' ? d.nameZh : d.nameEn}
              </option>
            ))}
          </select>
        </label>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" disabled={busy || (assignee === KEEP && department === KEEP)}>
            {t('ticket.assign.submit')}
          </button>
          {saved ? <span className="muted">{t('ticket.assign.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(n / (1024 * 102.4)) / 10)} MB`;
}

/** The customer panel: profile (`GET /customers/:id`, contact details masked for roles that may not see them),
 * tier, and their other feedback (`GET /feedback?customerId=`). */
function CustomerPanel({ item }: { item: FeedbackItem }) {
  const { t } = useTranslation();
  const customerId = item.customer?.id ?? null;
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [others, setOthers] = useState<FeedbackItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!customerId) return;
    const ctl = new AbortController();
    Promise.all([
      api<{ data: Customer }>('GET', `/customers/${encodeURIComponent(customerId)}`, { signal: ctl.signal }),
      api<{ data: FeedbackItem[] }>('GET', '/feedback', {
        query: { customerId, limit: 11 },
        signal: ctl.signal,
      }),
    ])
      .then(([c, f]) => {
        setCustomer(c.data);
        setOthers(f.data);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e);
      });
    return () => ctl.abort();
  }, [customerId]);

  if (!customerId) return null;
  const rest = (others ?? []).filter((o) => o.id !== item.id).slice(0, 10);
  return (
    <section className="panel" aria-labelledby="customer-title" data-testid="customer-panel">
      <h2 id="customer-title">{t('ticket.customerPanel.title')}</h2>
      <ErrorMessage error={error} />
      {customer ? (
        <>
          <p>
            <strong>{customer.name ?? t('app.none')}</strong>{' '}
            <span className={`pill ${customer.tier}`} data-testid="customer-tier">
              {t(`ticket.customerPanel.tier.${customer.tier}`)}
            </span>
          </p>
          <ul className="identities">
            {customer.identities.map((i) => (
              <li key={i.id}>
                <span className="muted">
                  {t(`ticket.customerPanel.kind.${i.kind}`, { defaultValue: i.kind })}:
                </span>{' '}
                {i.value}
              </li>
            ))}
          </ul>
          <p className="muted">
            {t('ticket.customerPanel.count', { count: customer.feedbackCount })}
            {customer.lastFeedbackAt
              ? ` · ${t('ticket.customerPanel.last', { at: formatDateTime(customer.lastFeedbackAt) })}`
              : ''}
          </p>
        </>
      ) : null}
      {rest.length ? (
        <>
          <h3>{t('ticket.customerPanel.history')}</h3>
          <ul className="links" data-testid="customer-history">
            {rest.map((o) => (
              <li key={o.id}>
                <Link to={`/tickets/${o.id}`}>{o.number}</Link> <StatusLabel status={o.status} />
                <div className="muted">{o.subject ?? o.description.slice(0, 60)}</div>
              </li>
            ))}
          </ul>
        </>
      ) : others ? (
        <p className="muted">{t('ticket.customerPanel.noOther')}</p>
      ) : null}
      <PastRatings customerId={customerId} />
    </section>
  );
}

/** Related items and possible duplicates (`/feedback/:id/links`): open, unlink / dismiss, merge into it. */
function LinksPanel({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const [links, setLinks] = useState<FeedbackLink[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const version = item.version;

  const load = useCallback(
    () =>
      api<{ data: FeedbackLink[] }>('GET', `/feedback/${encodeURIComponent(item.id)}/links`)
        .then((r) => setLinks(r.data))
        .catch((e: unknown) => setError(e)),
    [item.id],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the item changes (its version)
  useEffect(() => {
    void load();
  }, [load, version]);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await load();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!links?.length && !error) return null;
  return (
    <section className="panel" aria-labelledby="links-title" data-testid="links-panel">
      <h2 id="links-title">{t('ticket.links.title')}</h2>
      <ErrorMessage error={error} />
      <ul className="links">
        {(links ?? []).map((l) => (
          <li key={`${l.relatedId}-${l.kind}`} data-kind={l.kind}>
            <Link to={`/tickets/${l.relatedId}`}>{l.relatedNumber}</Link>{' '}
            <span className="pill">{t(`ticket.links.${l.kind}`)}</span>{' '}
            <StatusLabel status={l.relatedStatus} />
            {l.score !== null ? (
              <span className="muted">
                {' '}
                · {t('ticket.links.score', { score: Math.round(l.score * 100) })}
              </span>
            ) : null}
            {l.relatedSubject ? <div className="muted">{l.relatedSubject}</div> : null}
            {l.reason ? <div className="muted">{l.reason}</div> : null}
            <div className="row">
              <button
                type="button"
                className="link"
                disabled={busy}
                onClick={() =>
                  void act(() =>
                    api(
                      'DELETE',
                      `/feedback/${encodeURIComponent(item.id)}/links/${encodeURIComponent(l.relatedId)}`,
                    ),
                  )
                }
              >
                {l.kind === 'possible_duplicate' ? t('ticket.links.dismiss') : t('ticket.links.unlink')}
              </button>
              {allowedTransitions(item.status).includes('merged') ? (
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  onClick={() =>
                    void act(() =>
                      api('POST', `/feedback/${encodeURIComponent(item.id)}/merge`, {
                        body: { targetId: l.relatedId },
                      }),
                    )
                  }
                >
                  {t('ticket.links.mergeInto', { number: l.relatedNumber })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TicketPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const areaLabel = useAreaLabel();
  const [data, setData] = useState<TicketData | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => {
    setError(null);
    loadTicket(id)
      .then(setData)
      .catch((e: unknown) => setError(e));
  }, [id]);

  useEffect(() => {
    setData(null);
    reload();
  }, [reload]);

  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <p className="muted loading">{t('app.loading')}</p>;
  const { item } = data;
  const lang = currentLanguage();
  const reasons = item.priorityReasons.map((r) => (lang === 'zh-CN' ? r.labelZh : r.labelEn));

  return (
    <div className="ticket">
      <Link to="/inbox">← {t('ticket.back')}</Link>
      <header className="panel ticket-head">
        <div className="row between wrap">
          <h1 data-testid="ticket-number">{t('ticket.number', { number: item.number })}</h1>
          <div className="row wrap">
            <span data-testid="ticket-status">
              <StatusLabel status={item.status} />
            </span>
            <PriorityLabel
              priority={item.priority}
              title={`${t('ticket.priorityWhy')}: ${reasons.join('; ') || t('ticket.noReasons')}`}
            />
            <SlaBadge sla={item.sla} firstRespondedAt={item.firstRespondedAt} />
          </div>
        </div>
        {item.subject ? <p className="subject-line">{item.subject}</p> : null}
        <dl className="facts">
          <div>
            <dt>{t('ticket.nature')}</dt>
            <dd>
              <NatureLabel nature={item.nature} />
            </dd>
          </div>
          <div>
            <dt>{t('ticket.area')}</dt>
            <dd>{areaLabel(item.businessArea)}</dd>
          </div>
          <div>
            <dt>{t('ticket.channel')}</dt>
            <dd>{t(`channel.${item.channel}`)}</dd>
          </div>
          <div>
            <dt>{t('ticket.department')}</dt>
            <dd>
              {item.department
                ? lang === 'zh-CN'
                  ? item.department.nameZh
                  : item.department.nameEn
                : t('app.none')}
            </dd>
          </div>
          <div>
            <dt>{t('ticket.assignee')}</dt>
            <dd>{item.assignee?.name ?? t('ticket.unassigned')}</dd>
          </div>
          <div>
            <dt>{t('ticket.customer')}</dt>
            <dd>
              {item.customer?.name ?? t('app.none')}
              {item.customer?.tier === 'vip' ? <span className="pill vip">{t('ticket.vip')}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('ticket.firstResponseDue')}</dt>
            <dd>{formatDateTime(item.sla?.firstResponse.dueAt ?? item.firstResponseDueAt)}</dd>
          </div>
          <div>
            <dt>{t('ticket.resolutionDue')}</dt>
            <dd>{formatDateTime(item.sla?.resolution.dueAt ?? item.resolutionDueAt)}</dd>
          </div>
          <div>
            <dt>{t('ticket.created')}</dt>
            <dd>{formatDateTime(item.createdAt)}</dd>
          </div>
          <div className="wide">
            <dt>{t('ticket.tags')}</dt>
            <dd>
              {item.tags.length === 0 ? (
                <span className="muted">{t('ticket.noTags')}</span>
              ) : (
                item.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))
              )}
            </dd>
          </div>
          <div className="wide">
            <dt>{t('ticket.priorityWhy')}</dt>
            <dd data-testid="priority-reasons">
              {reasons.length ? reasons.join('; ') : <span className="muted">{t('ticket.noReasons')}</span>}
            </dd>
          </div>
        </dl>
      </header>
      <ErrorMessage error={error} onRetry={reload} />
      <div className="ticket-body">
        <section className="timeline-wrap" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('ticket.timeline')}</h2>
          <ol className="timeline" data-testid="timeline">
            {timeline(data).map((e) =>
              e.kind === 'message' ? (
                <MessageCard key={e.key} message={e.message} />
              ) : (
                <EventLine key={e.key} event={e.event} />
              ),
            )}
          </ol>
          <Composer id={item.id} onSent={reload} />
        </section>
        <aside className="side">
          <StatusActions item={item} onChanged={reload} />
          <PriorityPanel item={item} onChanged={reload} />
          <AssignPanel item={item} onChanged={reload} />
          <CustomerPanel item={item} />
          <LinksPanel item={item} onChanged={reload} />
          <SharesPanel item={item} onChanged={reload} />
          <SubtasksPanel item={item} />
        </aside>
      </div>
    </div>
  );
}
