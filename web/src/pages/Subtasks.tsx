import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBTASK_STATUSES, type Subtask, type SubtaskStatus } from '../../../shared/contracts/subtasks.js';
import { api, type Department, type FeedbackItem, type User } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SlaBadge } from '../components/SlaBadge.js';
import { formatDateTime } from '../format.js';
import { currentLanguage } from '../i18n/index.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** What a sub-task may become next (as the API allows: done and cancelled are final). */
const NEXT: Record<SubtaskStatus, SubtaskStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** Status buttons and the outcome of one sub-task, for its department (the API decides who may). */
function SubtaskCard({
  task,
  onChanged,
  showParent,
}: {
  task: Subtask;
  onChanged: () => void;
  showParent: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [outcome, setOutcome] = useState(task.outcome ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const closed = task.status === 'done' || task.status === 'cancelled';
  const mine =
    !closed &&
    user !== null &&
    (user.role === 'admin' || user.role === 'supervisor' || user.departmentId === task.department.id);

  async function update(body: { status?: SubtaskStatus; outcome?: string; assigneeId?: string | null }) {
    setBusy(true);
    setError(null);
    try {
      await api('PATCH', `/subtasks/${encodeURIComponent(task.id)}`, { body });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function close(e: FormEvent, status: SubtaskStatus) {
    e.preventDefault();
    void update(outcome.trim() ? { status, outcome: outcome.trim() } : { status });
  }

  return (
    <li className="subtask" data-testid="subtask" data-status={task.status}>
      <div className="row between">
        <strong>{task.title}</strong>
        <span className={`pill subtask-${task.status}`}>{t(`subtasks.status.${task.status}`)}</span>
      </div>
      {showParent ? (
        <p>
          <Link to={`/tickets/${task.parent.id}`}>{task.parent.number}</Link>{' '}
          {task.parent.subject ? <span className="muted">{task.parent.subject}</span> : null}{' '}
          <SlaBadge sla={task.parent.sla} firstRespondedAt={null} />
        </p>
      ) : null}
      <p className="muted">
        {t('subtasks.for', { department: task.department.name })} ·{' '}
        {task.assignee ? t('subtasks.assignee', { name: task.assignee.name }) : t('subtasks.noAssignee')} ·{' '}
        {formatDateTime(task.createdAt)}
      </p>
      {task.description ? <p className="body text">{task.description}</p> : null}
      {task.outcome && !mine ? (
        <p data-testid="subtask-outcome">{t('subtasks.outcomeIs', { outcome: task.outcome })}</p>
      ) : null}
      {mine ? (
        <form className="transition-form" onSubmit={(e) => close(e, 'done')}>
          <label>
            {t('subtasks.outcome')}
            <textarea
              value={outcome}
              onChange={(e) => setOutcome(e.target.value)}
              rows={2}
              maxLength={5000}
            />
          </label>
          <div className="row">
            {user &&
            task.assignee?.id !== user.id &&
            task.status !== 'done' &&
            task.status !== 'cancelled' ? (
              <button type="button" disabled={busy} onClick={() => void update({ assigneeId: user.id })}>
                {t('subtasks.takeIt')}
              </button>
            ) : null}
            {NEXT[task.status].map((to) => (
              <button
                key={to}
                type={to === 'done' ? 'submit' : 'button'}
                data-subtask-to={to}
                disabled={busy}
                onClick={to === 'done' ? undefined : (e) => close(e, to)}
              >
                {t(`subtasks.to.${to}`)}
              </button>
            ))}
          </div>
          <ErrorMessage error={error} />
        </form>
      ) : null}
    </li>
  );
}

/** The ticket page's panel: this item's sub-tasks and a form to ask another department for help. */
export function SubtasksPanel({ item }: { item: FeedbackItem }) {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<Subtask[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [departmentId, setDepartmentId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<{ data: Subtask[] }>('GET', `/feedback/${encodeURIComponent(item.id)}/subtasks`)
      .then((r) => setTasks(r.data))
      .catch(setLoadError);
  }, [item.id]);

  useEffect(() => {
    load();
    api<{ data: Department[] }>('GET', '/departments')
      .then((r) => setDepartments(r.data))
      .catch(() => setDepartments([]));
    api<{ data: User[] }>('GET', '/users', { query: { limit: 200, active: 'true' } })
      .then((r) => setUsers(r.data))
      .catch(() => setUsers([]));
  }, [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/feedback/${encodeURIComponent(item.id)}/subtasks`, {
        body: {
          departmentId,
          title: title.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(assigneeId ? { assigneeId } : {}),
        },
      });
      setTitle('');
      setDescription('');
      setAssigneeId('');
      setOpen(false);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const others = departments.filter((d) => d.id !== item.department?.id);
  const helpers = users.filter((u) => u.departmentId === departmentId);
  return (
    <section className="panel" aria-labelledby="subtasks-title" data-testid="subtasks-panel">
      <h2 id="subtasks-title">{t('subtasks.title')}</h2>
      <ErrorMessage error={loadError} />
      {tasks && tasks.length === 0 ? <p className="muted">{t('subtasks.none')}</p> : null}
      {tasks && tasks.length > 0 ? (
        <ul className="subtasks">
          {tasks.map((task) => (
            <SubtaskCard key={task.id} task={task} onChanged={load} showParent={false} />
          ))}
        </ul>
      ) : null}
      {open ? (
        <form className="transition-form" onSubmit={submit} aria-label={t('subtasks.new')}>
          <label>
            {t('subtasks.department')}
            <select
              name="departmentId"
              required
              value={departmentId}
              onChange={(e) => {
                setDepartmentId(e.target.value);
                setAssigneeId('');
              }}
            >
              <option value="">{t('subtasks.choose')}</option>
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {currentLanguage() === 'zh-CN' ? d.nameZh : d.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('subtasks.taskTitle')}
            <input
              name="title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            {t('subtasks.description')}
            <textarea
              name="description"
              rows={3}
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
          <label>
            {t('subtasks.assigneeOptional')}
            <select name="assigneeId" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
              <option value="">{t('subtasks.supervisorsPick')}</option>
              {helpers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <ErrorMessage error={error} />
          <div className="row">
            <button type="submit" disabled={busy || !departmentId || !title.trim()}>
              {t('subtasks.create')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('ticket.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t('subtasks.new')}
        </button>
      )}
    </section>
  );
}

/** My department's sub-tasks (others' items it helps with), with the parent's SLA. */
export function SubtasksPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SubtaskStatus | ''>('');
  const [tasks, setTasks] = useState<Subtask[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api<{ data: Subtask[] }>('GET', '/subtasks', { query: status ? { status } : {} })
      .then((r) => setTasks(r.data))
      .catch(setError);
  }, [status]);
  useEffect(load, [load]);

  return (
    <div className="subtasks-page">
      <h1>{t('subtasks.pageTitle')}</h1>
      <p className="muted">{t('subtasks.pageHint')}</p>
      <label className="inline">
        {t('subtasks.filter')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as SubtaskStatus | '')}>
          <option value="">{t('subtasks.all')}</option>
          {SUBTASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`subtasks.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} onRetry={load} />
      {tasks && tasks.length === 0 ? <p className="muted">{t('subtasks.noneForDepartment')}</p> : null}
      {tasks && tasks.length > 0 ? (
        <ul className="subtasks">
          {tasks.map((task) => (
            <SubtaskCard key={task.id} task={task} onChanged={load} showParent />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
