import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagNode } from '../../../shared/contracts/feedback.js';
import {
  CHANNELS,
  FEEDBACK_STATUSES,
  type FeedbackStatus,
  NATURES,
  type Nature,
  PRIORITIES,
  type Priority,
} from '../../../shared/enums.js';
import { OPEN_STATUSES } from '../../../shared/feedback/status-machine.js';
import { addDays, zonedInstant } from '../../../shared/time/zoned.js';
import { api, type Department, type FeedbackItem, type User } from '../api.js';
import { areaLabelOf, useBusinessAreas } from '../business-areas.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { NatureLabel, PriorityLabel, StatusLabel } from '../components/Labels.js';
import { SlaBadge } from '../components/SlaBadge.js';
import { formatDateTime, timeZone } from '../format.js';
import { currentLanguage } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.js';
import { useShortcuts } from '../shortcuts.js';
import { BulkBar, type BulkOutcome, BulkResult } from './inbox-bulk.js';

const VIEWS = ['all', 'myOpen', 'unassigned', 'atRisk', 'vip'] as const;
type View = (typeof VIEWS)[number];

/** Saved views: fixed queries of the list API. */
const VIEW_QUERY: Record<View, Record<string, string>> = {
  all: {},
  myOpen: { assigneeId: 'me', status: OPEN_STATUSES.join(','), sort: 'due' },
  unassigned: { assigneeId: 'unassigned', status: OPEN_STATUSES.join(',') },
  atRisk: { status: OPEN_STATUSES.join(','), sort: 'due' },
  vip: { customerTier: 'vip', status: OPEN_STATUSES.join(','), sort: 'due' },
};

const FILTER_KEYS = [
  'status',
  'priority',
  'nature',
  'businessArea',
  'departmentId',
  'assigneeId',
  'channel',
  'tag',
  'from',
  'to',
  'q',
] as const;
/** Address-bar filters that are local dates (YYYY-MM-DD); the list API takes instants. */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight starting the local date `value` (plus `days`) in the user's time zone, as an ISO instant. */
function localMidnight(value: string, days = 0): string | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const date = addDays({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, days);
  return new Date(zonedInstant(timeZone(), date, 0)).toISOString();
}
const PAGE_SIZE = 50;

/** Page size: 50, or `?limit=` (1–200, the list API's bounds). */
function pageSize(search: URLSearchParams): number {
  const n = Number(search.get('limit'));
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : PAGE_SIZE;
}

function isView(v: string | null): v is View {
  return VIEWS.includes(v as View);
}

/** Query of the list API: the saved view, overridden by the filters in the address bar. */
function listQuery(search: URLSearchParams): Record<string, string> {
  const view = search.get('view');
  const q: Record<string, string> = { ...(isView(view) ? VIEW_QUERY[view] : {}) };
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (!v) continue;
    if (k === 'from') {
      const at = localMidnight(v);
      if (at) q.createdFrom = at;
    } else if (k === 'to') {
      const at = localMidnight(v, 1);
      if (at) q.createdTo = at;
    } else q[k] = v;
  }
  q.limit = String(pageSize(search));
  return q;
}

function useLookups() {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    // Filters only: a caller who may not list them still gets the others.
    api<{ data: Department[] }>('GET', '/departments')
      .then((r) => setDepartments(r.data))
      .catch(() => setDepartments([]));
    api<{ data: User[] }>('GET', '/users', { query: { limit: 200, active: 'true' } })
      .then((r) => setUsers(r.data))
      .catch(() => setUsers([]));
  }, []);
  return { departments, users, tagPaths: useTagPaths() };
}

/** Every path of the tag tree, for the tag filter's suggestions. */
function useTagPaths(): string[] {
  const [paths, setPaths] = useState<string[]>([]);
  useEffect(() => {
    const flatten = (nodes: TagNode[]): string[] => nodes.flatMap((n) => [n.path, ...flatten(n.children)]);
    api<{ data: TagNode[] }>('GET', '/tags')
      .then((r) => setPaths(flatten(r.data)))
      .catch(() => setPaths([]));
  }, []);
  return paths;
}

export function InboxPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { departments, users, tagPaths } = useLookups();
  const query = listQuery(search);
  const queryKey = JSON.stringify(query);
  const [items, setItems] = useState<FeedbackItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState(0);
  const abort = useRef<AbortController | null>(null);
  // Keyboard: j / k move the selection, o opens the selected ticket.
  const [selected, setSelected] = useState(-1);
  const move = (by: number) => {
    if (items.length === 0) return;
    const next = Math.min(items.length - 1, Math.max(0, selected + by));
    setSelected(next);
    document.querySelectorAll('[data-testid="inbox-row"]')[next]?.scrollIntoView({ block: 'nearest' });
  };
  const open = () => {
    const item = items[selected];
    if (item) navigate(`/tickets/${item.id}`);
  };
  // Tickets ticked for a bulk action (ids), and the outcome of the last one.
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const toggle = (id: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const allChecked = items.length > 0 && items.every((i) => checked.has(i.id));
  const someChecked = !allChecked && items.some((i) => checked.has(i.id));
  const toggleAll = () => setChecked(allChecked ? new Set() : new Set(items.map((i) => i.id)));
  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    o: open,
    x: () => {
      const item = items[selected];
      if (item) toggle(item.id);
    },
  });

  const load = useCallback(async (q: Record<string, string>, after: string | null) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setLoading(true);
    setError(null);
    try {
      const page = await api<{ data: FeedbackItem[]; nextCursor: string | null }>('GET', '/feedback', {
        query: { ...q, cursor: after ?? undefined },
        signal: controller.signal,
      });
      setItems((prev) => (after ? [...prev, ...page.data] : page.data));
      setCursor(page.nextCursor);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(e);
    } finally {
      if (abort.current === controller) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey stands for query; retry re-runs it
  useEffect(() => {
    setItems([]);
    setCursor(null);
    setChecked(new Set());
    void load(query, null);
    return () => abort.current?.abort();
  }, [queryKey, retry, load]);

  const view = search.get('view');
  const activeView: View = isView(view) ? view : 'all';

  function setView(v: View) {
    navigate(v === 'all' ? '/inbox' : `/inbox?view=${v}`);
  }

  function applyFilters(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    if (activeView !== 'all') params.set('view', activeView);
    for (const k of FILTER_KEYS) {
      const v = String(form.get(k) ?? '').trim();
      if (v) params.set(k, v);
    }
    const s = params.toString();
    navigate(`/inbox${s ? `?${s}` : ''}`);
  }

  const lang = currentLanguage();
  const areas = useBusinessAreas();
  const deptName = (d: { nameZh: string; nameEn: string } | null) =>
    d ? (lang === 'zh-CN' ? d.nameZh : d.nameEn) : t('app.none');

  return (
    <div className="inbox">
      <div className="row between">
        <h1>{t('inbox.title')}</h1>
        <span className="muted" data-testid="shown-count">
          {t('inbox.shown', { count: items.length })}
        </span>
      </div>
      <nav className="views" aria-label={t('inbox.views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={v === activeView ? 'tab active' : 'tab'}
            aria-pressed={v === activeView}
            title={t(`inbox.viewHint.${v}`)}
            data-view={v}
            onClick={() => setView(v)}
          >
            {t(`inbox.view.${v}`)}
          </button>
        ))}
      </nav>
      <p className="muted hint">{t(`inbox.viewHint.${activeView}`)}</p>

      <form
        className="filters"
        onSubmit={applyFilters}
        key={search.toString()}
        aria-label={t('inbox.filters')}
      >
        <label>
          {t('inbox.search')}
          <input
            name="q"
            type="search"
            defaultValue={search.get('q') ?? ''}
            placeholder={t('inbox.searchPlaceholder')}
          />
        </label>
        <label>
          {t('inbox.status')}
          <select name="status" defaultValue={search.get('status') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            {FEEDBACK_STATUSES.map((s: FeedbackStatus) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.priority')}
          <select name="priority" defaultValue={search.get('priority') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            {PRIORITIES.map((p: Priority) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.nature')}
          <select name="nature" defaultValue={search.get('nature') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            {NATURES.map((n: Nature) => (
              <option key={n} value={n}>
                {t(`nature.${n}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.area')}
          {/* remounted once the catalogue is in, so the chosen area shows as selected */}
          <select
            key={areas ? 'loaded' : 'loading'}
            name="businessArea"
            defaultValue={search.get('businessArea') ?? ''}
          >
            <option value="">{t('inbox.any')}</option>
            {(areas ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {areaLabelOf(areas, a.code, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.department')}
          <select name="departmentId" defaultValue={search.get('departmentId') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {deptName(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.channel')}
          <select name="channel" defaultValue={search.get('channel') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.tag')}
          <input
            name="tag"
            list="inbox-tags"
            defaultValue={search.get('tag') ?? ''}
            placeholder={t('inbox.tagHint')}
          />
          <datalist id="inbox-tags">
            {tagPaths.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          {t('inbox.from')}
          <input name="from" type="date" defaultValue={search.get('from') ?? ''} />
        </label>
        <label>
          {t('inbox.to')}
          <input name="to" type="date" defaultValue={search.get('to') ?? ''} />
        </label>
        <label>
          {t('inbox.assignee')}
          <select name="assigneeId" defaultValue={search.get('assigneeId') ?? ''}>
            <option value="">{t('inbox.any')}</option>
            <option value="me">{t('inbox.me')}</option>
            <option value="unassigned">{t('inbox.unassignedOption')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t('inbox.apply')}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => navigate(activeView === 'all' ? '/inbox' : `/inbox?view=${activeView}`)}
          >
            {t('inbox.clear')}
          </button>
        </div>
      </form>

      <ErrorMessage error={error} onRetry={() => setRetry((n) => n + 1)} />
      {outcome ? <BulkResult outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      {checked.size > 0 ? (
        <BulkBar
          ids={[...checked]}
          users={users}
          departments={departments}
          onClear={() => setChecked(new Set())}
          onDone={(o) => {
            setOutcome(o);
            setRetry((n) => n + 1);
          }}
        />
      ) : null}

      <div className="table-wrap">
        <table className="items" data-testid="inbox-table">
          <thead>
            <tr>
              <th className="check-col">
                <input
                  type="checkbox"
                  checked={allChecked}
                  ref={(el) => {
                    if (el) el.indeterminate = someChecked;
                  }}
                  onChange={toggleAll}
                  disabled={items.length === 0}
                  aria-label={t('inbox.bulk.selectPage')}
                  data-testid="select-page"
                />
              </th>
              <th>{t('inbox.columns.number')}</th>
              <th>{t('inbox.columns.subject')}</th>
              <th>{t('inbox.columns.status')}</th>
              <th>{t('inbox.columns.priority')}</th>
              <th>{t('inbox.columns.nature')}</th>
              <th>{t('inbox.columns.department')}</th>
              <th>{t('inbox.columns.assignee')}</th>
              <th>{t('inbox.columns.sla')}</th>
              <th>{t('inbox.columns.created')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr
                key={item.id}
                data-testid="inbox-row"
                data-number={item.number}
                className={index === selected ? 'selected' : undefined}
                aria-selected={index === selected}
              >
                <td className="check-col">
                  <input
                    type="checkbox"
                    checked={checked.has(item.id)}
                    onChange={() => toggle(item.id)}
                    aria-label={t('inbox.bulk.selectOne', { number: item.number })}
                    data-testid="select-row"
                  />
                </td>
                <td className="nowrap">
                  <Link to={`/tickets/${item.id}`}>{item.number}</Link>
                </td>
                <td className="subject">
                  <Link to={`/tickets/${item.id}`}>{item.subject ?? item.description.slice(0, 80)}</Link>
                </td>
                <td>
                  <StatusLabel status={item.status} />
                </td>
                <td>
                  <PriorityLabel
                    priority={item.priority}
                    title={item.priorityReasons.map((r) => r.label).join('; ') || undefined}
                  />
                </td>
                <td>
                  <NatureLabel nature={item.nature} />
                </td>
                <td>{deptName(item.department)}</td>
                <td>{item.assignee?.name ?? <span className="muted">{t('ticket.unassigned')}</span>}</td>
                <td>
                  <SlaBadge sla={item.sla} firstRespondedAt={item.firstRespondedAt} />
                </td>
                <td className="nowrap">{formatDateTime(item.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && !error && items.length === 0 ? <p className="muted empty">{t('inbox.empty')}</p> : null}
      <div className="more">
        {cursor ? (
          <button
            type="button"
            onClick={() => void load(query, cursor)}
            disabled={loading}
            data-testid="load-more"
          >
            {loading ? t('inbox.loadingMore') : t('inbox.loadMore')}
          </button>
        ) : loading ? (
          <span className="muted">{t('app.loading')}</span>
        ) : items.length > 0 ? (
          <span className="muted">{t('inbox.end')}</span>
        ) : null}
      </div>
    </div>
  );
}
