import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Channel, CustomerTier, FeedbackStatus, Nature, Priority } from '../../../shared/enums.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { TextMatch } from '../../platform/db/dialect/index.js';
import { rowidParam, secondEnd } from '../../platform/db/dialect/sqlite-search-rowid.js';
import type { Database } from '../../platform/db/schema.js';
import type { VisibilityScope } from './feedback.policy.js';
import type { FeedbackRow } from './feedback.repository.js';

export interface FeedbackFilter {
  statuses?: FeedbackStatus[];
  priorities?: Priority[];
  natures?: Nature[];
  businessAreas?: string[];
  channels?: Channel[];
  departmentId?: string;
  /** A user id, or null for unassigned items. */
  assigneeId?: string | null;
  customerId?: string;
  /** Items whose customer has one of these tiers. */
  customerTiers?: CustomerTier[];
  /** Matches the tag and every tag below it. */
  tag?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Full-text condition built by the dialect helper; `false` matches nothing. */
  text?: TextMatch | false;
  /**
   * SQLite FTS5 match expression for a search read off the full-text index in list order (used only
   * with the `created` sort, instead of `text`).
   */
  listOrderedMatch?: string;
}

export type FeedbackSortKey = 'created' | 'due';

type Eb = ExpressionBuilder<Database, 'feedback'>;

const NOTHING = sql<SqlBool>`1 = 0`;

/** The items a scope may see, as a condition on `feedback` (also used by analytics). */
export function visibleTo(eb: Eb, scope: VisibilityScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  const anyOf: Expression<SqlBool>[] = [];
  if (scope.userId) anyOf.push(eb('feedback.assignee_id', '=', scope.userId));
  if (scope.departmentId) {
    anyOf.push(eb('feedback.department_id', '=', scope.departmentId));
    anyOf.push(
      eb(
        'feedback.id',
        'in',
        eb
          .selectFrom('feedback_shares')
          .select('feedback_shares.feedback_id')
          .where('feedback_shares.department_id', '=', scope.departmentId),
      ),
    );
  }
  return anyOf.length > 0 ? eb.or(anyOf) : NOTHING;
}

function tagMatch(eb: Eb, tag: string): Expression<SqlBool> {
  // feedback_tag_paths lists every ancestor of every tag, so a subtree is one equality.
  return eb(
    'feedback.id',
    'in',
    eb
      .selectFrom('feedback_tag_paths')
      .select('feedback_tag_paths.feedback_id')
      .where('feedback_tag_paths.path', '=', tag),
  );
}

function conditions(
  eb: Eb,
  scope: VisibilityScope,
  f: FeedbackFilter,
  options: { tagDrivesScan: boolean },
): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [visibleTo(eb, scope)];
  if (f.statuses?.length) all.push(eb('feedback.status', 'in', f.statuses));
  if (f.priorities?.length) all.push(eb('feedback.priority', 'in', f.priorities));
  if (f.natures?.length) all.push(eb('feedback.nature', 'in', f.natures));
  if (f.businessAreas?.length) all.push(eb('feedback.business_area', 'in', f.businessAreas));
  if (f.channels?.length) all.push(eb('feedback.channel', 'in', f.channels));
  if (f.departmentId) all.push(eb('feedback.department_id', '=', f.departmentId));
  if (f.assigneeId === null) all.push(eb('feedback.assignee_id', 'is', null));
  else if (f.assigneeId) all.push(eb('feedback.assignee_id', '=', f.assigneeId));
  if (f.customerId) all.push(eb('feedback.customer_id', '=', f.customerId));
  if (f.customerTiers?.length) {
    const tiers = f.customerTiers;
    all.push(
      eb(
        'feedback.customer_id',
        'in',
        eb.selectFrom('customers').select('customers.id').where('customers.tier', 'in', tiers),
      ),
    );
  }
  if (f.tag && !options.tagDrivesScan) all.push(tagMatch(eb, f.tag));
  if (f.createdFrom) all.push(eb('feedback.created_at', '>=', f.createdFrom));
  if (f.createdTo) all.push(eb('feedback.created_at', '<', f.createdTo));
  if (f.text === false) all.push(NOTHING);
  else if (f.text) all.push(f.text.condition);
  return all;
}

function keyset(
  eb: Eb,
  sort: FeedbackSortKey,
  after: { value: string | null; id: string },
): Expression<SqlBool> {
  if (sort === 'created') {
    return eb(eb.refTuple('feedback.created_at', 'feedback.id'), '<', eb.tuple(after.value ?? '', after.id));
  }
  // due: ascending, items without a due time last.
  if (after.value === null)
    return eb.and([eb('feedback.resolution_due_at', 'is', null), eb('feedback.id', '>', after.id)]);
  return eb.or([
    eb('feedback.resolution_due_at', 'is', null),
    eb(eb.refTuple('feedback.resolution_due_at', 'feedback.id'), '>', eb.tuple(after.value, after.id)),
  ]);
}

export interface SearchOptions {
  scope: VisibilityScope;
  filter: FeedbackFilter;
  sort: FeedbackSortKey;
  after: { value: string | null; id: string } | null;
  limit: number;
}

/** The listing query, unexecuted (for EXPLAIN in benchmarks and for the list query below). */
export function searchFeedbackQuery(db: DbOrTrx, options: SearchOptions) {
  const { scope, filter, sort, after, limit } = options;
  const tag = filter.tag;
  if (tag && sort === 'created') {
    // Newest items of a tag subtree straight off the (path, created_at, feedback_id) index: the scan
    // stops after one page instead of sorting every item under the tag.
    return db
      .selectFrom('feedback_tag_paths as tp')
      .innerJoin('feedback', 'feedback.id', 'tp.feedback_id')
      .selectAll('feedback')
      .where('tp.path', '=', tag)
      .where((eb) => {
        const all = conditions(eb, scope, filter, { tagDrivesScan: true });
        if (after)
          all.push(
            eb(eb.refTuple('tp.created_at', 'tp.feedback_id'), '<', eb.tuple(after.value ?? '', after.id)),
          );
        return eb.and(all);
      })
      .orderBy('tp.created_at', 'desc')
      .orderBy('tp.feedback_id', 'desc')
      .limit(limit);
  }
  const q = db
    .selectFrom('feedback')
    .selectAll('feedback')
    .where((eb) =>
      eb.and([
        ...conditions(eb, scope, filter, { tagDrivesScan: false }),
        ...(after ? [keyset(eb, sort, after)] : []),
      ]),
    );
  const ordered =
    sort === 'created'
      ? q.orderBy('feedback.created_at', 'desc').orderBy('feedback.id', 'desc')
      : q.orderBy('feedback.resolution_due_at', (ob) => ob.asc().nullsLast()).orderBy('feedback.id', 'asc');
  return ordered.limit(limit);
}

/**
 * Newest matches first, straight off the FTS5 index: its rowids follow (created_at, id), so the scan
 * walks matches in list order, checks every other condition on the item, and stops after one page.
 */
function listOrderedTextQuery(db: DbOrTrx, options: SearchOptions, match: string) {
  const { scope, filter, after, limit } = options;
  return db
    .selectFrom(sql<{ rowid: number }>`feedback_fts`.as('fts'))
    .innerJoin('feedback', (join) => join.on(sql<SqlBool>`feedback.search_rowid = fts.rowid`))
    .selectAll('feedback')
    .where((eb) => {
      const all = [
        sql<SqlBool>`fts.feedback_fts match ${match}`,
        ...conditions(eb as unknown as Eb, scope, filter, { tagDrivesScan: false }),
      ];
      if (after) {
        // Start the scan at the cursor's item (its rowid), or at the end of its second if it is gone.
        const resume = sql<number>`coalesce((select search_rowid from feedback as c where c.id = ${after.id}), ${rowidParam(secondEnd(after.value ?? '') + 1)})`;
        all.push(sql<SqlBool>`fts.rowid < ${resume}`);
        all.push(keyset(eb as unknown as Eb, 'created', after));
      }
      return eb.and(all);
    })
    .orderBy(sql`fts.rowid`, 'desc')
    .limit(limit);
}

type Branch = { kind: 'assignee'; userId: string } | { kind: 'department' | 'shares'; departmentId: string };

function branchesOf(scope: VisibilityScope): Branch[] {
  if (scope.kind === 'all') return [];
  const branches: Branch[] = [];
  if (scope.userId) branches.push({ kind: 'assignee', userId: scope.userId });
  if (scope.departmentId) {
    branches.push({ kind: 'department', departmentId: scope.departmentId });
    branches.push({ kind: 'shares', departmentId: scope.departmentId });
  }
  return branches;
}

/** The top of one visibility branch, in keyset order, every filter applied. */
function branchQuery(db: DbOrTrx, branch: Branch, options: SearchOptions) {
  const { filter, sort, after, limit } = options;
  const base =
    branch.kind === 'shares'
      ? db
          .selectFrom('feedback_shares')
          .innerJoin('feedback', 'feedback.id', 'feedback_shares.feedback_id')
          .where('feedback_shares.department_id', '=', branch.departmentId)
      : db
          .selectFrom('feedback')
          .where(
            branch.kind === 'assignee' ? 'feedback.assignee_id' : 'feedback.department_id',
            '=',
            branch.kind === 'assignee' ? branch.userId : branch.departmentId,
          );
  const q = base
    .selectAll('feedback')
    .where((eb) =>
      eb.and([
        ...conditions(eb as unknown as Eb, { kind: 'all' }, filter, { tagDrivesScan: false }),
        ...(after ? [keyset(eb as unknown as Eb, sort, after)] : []),
      ]),
    );
  const ordered =
    sort === 'created'
      ? q.orderBy('feedback.created_at', 'desc').orderBy('feedback.id', 'desc')
      : q.orderBy('feedback.resolution_due_at', (ob) => ob.asc().nullsLast()).orderBy('feedback.id', 'asc');
  return ordered.limit(limit);
}

function compareRows(sort: FeedbackSortKey, a: FeedbackRow, b: FeedbackRow): number {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  if (sort === 'created') return byText(b.created_at, a.created_at) || byText(b.id, a.id);
  const ad = a.resolution_due_at;
  const bd = b.resolution_due_at;
  if (ad !== bd) {
    if (ad === null) return 1;
    if (bd === null) return -1;
    return byText(ad, bd);
  }
  return byText(a.id, b.id);
}

/**
 * One page of items the scope may see, matching the filter, in keyset order. For a scoped actor
 * without a tag filter, each visibility branch (assignee, department, shares) is read separately off
 * its own index and the tops are merged: one OR over the branches made the database sort every
 * visible item for each page.
 */
export async function searchFeedback(db: DbOrTrx, options: SearchOptions): Promise<FeedbackRow[]> {
  const match = options.filter.listOrderedMatch;
  if (match !== undefined && options.sort === 'created')
    return listOrderedTextQuery(db, options, match).execute();
  const since = options.filter.text ? options.filter.text.since : undefined;
  if (since && options.sort === 'created') return searchRecentFirst(db, options, since);
  return searchAll(db, options);
}

async function searchAll(db: DbOrTrx, options: SearchOptions): Promise<FeedbackRow[]> {
  const branches = branchesOf(options.scope);
  const text = options.filter.text;
  if (
    branches.length === 0 ||
    (options.filter.tag && options.sort === 'created') ||
    text === false ||
    text?.fromHits
  )
    return searchFeedbackQuery(db, options).execute();
  const tops = await Promise.all(branches.map((b) => branchQuery(db, b, options).execute()));
  const byId = new Map<string, FeedbackRow>();
  for (const rows of tops) for (const row of rows) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => compareRows(options.sort, a, b)).slice(0, options.limit);
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Windows, back from the newest item (or the cursor), that a newest-first text search tries in turn. */
const RECENT_WINDOW_DAYS = [1, 7, 30, 120, 365];

/**
 * A newest-first text search whose hits can be read by creation time: it looks in growing windows back
 * from the newest item (or the cursor) and stops at the first window that fills a page, which then
 * holds exactly the newest matches (everything outside the window is older). Only the hits inside
 * the windows tried are visited.
 */
async function searchRecentFirst(
  db: DbOrTrx,
  options: SearchOptions,
  since: (from: string | null) => Expression<SqlBool>,
): Promise<FeedbackRow[]> {
  const { filter } = options;
  const upper = options.after?.value ?? (await newestCreatedAt(db));
  const text = filter.text as TextMatch;
  if (upper !== null) {
    for (const days of RECENT_WINDOW_DAYS) {
      const from = new Date(Date.parse(upper) - days * DAY_MS).toISOString();
      const covers = filter.createdFrom !== undefined && filter.createdFrom >= from;
      const rows = await searchAll(db, {
        ...options,
        filter: {
          ...filter,
          createdFrom: covers ? filter.createdFrom : from,
          text: { ...text, condition: since(from) },
        },
      });
      if (rows.length >= options.limit || covers) return rows;
    }
  }
  return searchAll(db, { ...options, filter: { ...filter, text: { ...text, condition: since(null) } } });
}

async function newestCreatedAt(db: DbOrTrx): Promise<string | null> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.max('feedback.created_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}
