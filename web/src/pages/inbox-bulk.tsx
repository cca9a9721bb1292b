import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkAction, BulkFeedbackResponse } from '../../../shared/contracts/feedback-bulk.js';
import { FEEDBACK_STATUSES, type FeedbackStatus, PRIORITIES, type Priority } from '../../../shared/enums.js';
import { api, type Department, type User } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { currentLanguage } from '../i18n/index.js';

export type BulkOutcome = BulkFeedbackResponse['data'];

const OPERATIONS = ['assign', 'addTag', 'removeTag', 'status', 'priority'] as const;
type Operation = (typeof OPERATIONS)[number];
/** Statuses offered: the lifecycle's, except merged (merging has its own action on the ticket page). */
const TARGET_STATUSES = FEEDBACK_STATUSES.filter((s) => s !== 'merged');

const KEEP = '';
const NOBODY = '-';

/**
 * The bar shown above the inbox table while tickets are selected: one action (assign, add or remove a
 * tag, change the status or the priority with a reason) applied to every selected ticket through
 * POST /feedback/bulk. The server checks each ticket on its own; `onDone` gets the per-ticket results.
 */
export function BulkBar({
  ids,
  users,
  departments,
  onClear,
  onDone,
}: {
  ids: readonly string[];
  users: User[];
  departments: Department[];
  onClear: () => void;
  onDone: (outcome: BulkOutcome) => void;
}) {
  const { t } = useTranslation();
  const [operation, setOperation] = useState<Operation>('assign');
  const [assignee, setAssignee] = useState(KEEP);
  const [department, setDepartment] = useState(KEEP);
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState<FeedbackStatus>('in_progress');
  const [priority, setPriority] = useState<Priority>('high');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lang = currentLanguage();

  function action(): BulkAction | null {
    const why = reason.trim();
    switch (operation) {
      case 'assign': {
        if (assignee === KEEP && department === KEEP) return null;
        return {
          kind: 'assign',
          ...(assignee !== KEEP ? { assigneeId: assignee === NOBODY ? null : assignee } : {}),
          ...(department !== KEEP ? { departmentId: department } : {}),
        };
      }
      case 'addTag':
      case 'removeTag':
        if (!tag.trim()) return null;
        return {
          kind: 'tag',
          ...(operation === 'addTag' ? { add: [tag.trim()] } : { remove: [tag.trim()] }),
        };
      case 'status':
        return { kind: 'status', to: status, ...(why ? { reason: why } : {}) };
      case 'priority':
        return why ? { kind: 'priority', priority, reason: why } : null;
    }
  }
  const ready = action() !== null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = action();
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api<BulkFeedbackResponse>('POST', '/feedback/bulk', { body: { ids, action: body } });
      setTag('');
      setReason('');
      onDone(res.data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="bulk-bar" aria-labelledby="bulk-title" data-testid="bulk-bar">
      <form onSubmit={submit} className="bulk-form">
        <h2 id="bulk-title" className="bulk-count">
          {t('inbox.bulk.selected', { count: ids.length })}
        </h2>
        <label>
          {t('inbox.bulk.action')}
          <select
            name="bulkAction"
            value={operation}
            onChange={(e) => setOperation(e.target.value as Operation)}
          >
            {OPERATIONS.map((o) => (
              <option key={o} value={o}>
                {t(`inbox.bulk.op.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {operation === 'assign' ? (
          <>
            <label>
              {t('inbox.bulk.assignee')}
              <select name="bulkAssignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
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
              {t('inbox.bulk.department')}
              <select
                name="bulkDepartment"
                value={department}
                onChange={(e) => setDepartment(e.target.value)}
              >
                <option value={KEEP}>{t('ticket.assign.keep')}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {lang === 'zh-CN' ? d.nameZh : d.nameEn}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {operation === 'addTag' || operation === 'removeTag' ? (
          <label>
            {t('inbox.bulk.tag')}
            <input
              name="bulkTag"
              value={tag}
              maxLength={200}
              placeholder={t('inbox.bulk.tagPlaceholder')}
              onChange={(e) => setTag(e.target.value)}
            />
          </label>
        ) : null}
        {operation === 'status' ? (
          <label>
            {t('inbox.bulk.status')}
            <select
              name="bulkStatus"
              value={status}
              onChange={(e) => setStatus(e.target.value as FeedbackStatus)}
            >
              {TARGET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {operation === 'priority' ? (
          <label>
            {t('inbox.bulk.priority')}
            <select
              name="bulkPriority"
              value={priority}
              onChange={(e) => setPriority(e.target.value as Priority)}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {operation === 'status' || operation === 'priority' ? (
          <label>
            {operation === 'priority' ? t('inbox.bulk.reasonRequired') : t('inbox.bulk.reason')}
            <input
              name="bulkReason"
              value={reason}
              maxLength={2000}
              required={operation === 'priority'}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
        ) : null}
        <div className="bulk-buttons">
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="bulk-apply">
            {busy ? t('inbox.bulk.applying') : t('inbox.bulk.apply', { count: ids.length })}
          </button>
          <button type="button" className="link" onClick={onClear}>
            {t('inbox.bulk.clear')}
          </button>
        </div>
      </form>
      {operation === 'status' && status === 'resolved' ? (
        <p className="hint">{t('inbox.bulk.resolveHint')}</p>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}

/** "N updated, M failed" and, per failed ticket, its number and the server's reason (in the user's language). */
export function BulkResult({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss: () => void }) {
  const { t } = useTranslation();
  const failures = outcome.results.filter((r) => !r.ok);
  return (
    <div
      className={outcome.failed > 0 ? 'bulk-result has-failures' : 'bulk-result'}
      role="status"
      data-testid="bulk-result"
    >
      <div className="row between">
        <strong>{t('inbox.bulk.summary', { ok: outcome.succeeded, failed: outcome.failed })}</strong>
        <button type="button" className="link" onClick={onDismiss}>
          {t('inbox.bulk.dismiss')}
        </button>
      </div>
      {failures.length > 0 ? (
        <ul className="bulk-failures" aria-label={t('inbox.bulk.failures')}>
          {failures.map((r) =>
            r.ok ? null : (
              <li key={r.id} data-testid="bulk-failure" data-code={r.error.code} data-number={r.number ?? ''}>
                <strong>{r.number ?? t('inbox.bulk.unknownTicket')}</strong>: {r.error.message}
              </li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  );
}
