import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Channel, FeedbackStatus, Nature, Priority } from '../../../shared/enums.js';
import type { DbOrTrx } from '../../platform/db/database.js';
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
  /** Matches the tag and every tag below it. */
  tag?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Full-text condition built by the dialect helper; `false` matches nothing. */
  text?: Expression<SqlBool> | false;
}

export type FeedbackSortKey = 'created' | 'due';

type Eb = ExpressionBuilder<Database, 'feedback'>;

const NOTHING = sql<SqlBool>`1 = 0`;

function visibility(eb: Eb, scope: VisibilityScope): Expression<SqlBool> {
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
  const prefix = `${tag}/`;
  // substr compares exactly on both databases (LIKE is case-insensitive on SQLite and needs escaping).
  return eb(
    'feedback.id',
    'in',
    eb
      .selectFrom('feedback_tags')
      .select('feedback_tags.feedback_id')
      .where((t) =>
        t.or([
          t('feedback_tags.tag', '=', tag),
          t(t.fn('substr', ['feedback_tags.tag', t.val(1), t.val(prefix.length)]), '=', prefix),
        ]),
      ),
  );
}

function conditions(eb: Eb, scope: VisibilityScope, f: FeedbackFilter): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [visibility(eb, scope)];
  if (f.statuses?.length) all.push(eb('feedback.status', 'in', f.statuses));
  if (f.priorities?.length) all.push(eb('feedback.priority', 'in', f.priorities));
  if (f.natures?.length) all.push(eb('feedback.nature', 'in', f.natures));
  if (f.businessAreas?.length) all.push(eb('feedback.business_area', 'in', f.businessAreas));
  if (f.channels?.length) all.push(eb('feedback.channel', 'in', f.channels));
  if (f.departmentId) all.push(eb('feedback.department_id', '=', f.departmentId));
  if (f.assigneeId === null) all.push(eb('feedback.assignee_id', 'is', null));
  else if (f.assigneeId) all.push(eb('feedback.assignee_id', '=', f.assigneeId));
  if (f.customerId) all.push(eb('feedback.customer_id', '=', f.customerId));
  if (f.tag) all.push(tagMatch(eb, f.tag));
  if (f.createdFrom) all.push(eb('feedback.created_at', '>=', f.createdFrom));
  if (f.createdTo) all.push(eb('feedback.created_at', '<', f.createdTo));
  if (f.text === false) all.push(NOTHING);
  else if (f.text) all.push(f.text);
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

/** One page of items the scope may see, matching the filter, in keyset order. */
export async function searchFeedback(
  db: DbOrTrx,
  options: {
    scope: VisibilityScope;
    filter: FeedbackFilter;
    sort: FeedbackSortKey;
    after: { value: string | null; id: string } | null;
    limit: number;
  },
): Promise<FeedbackRow[]> {
  const { scope, filter, sort, after, limit } = options;
  let q = db
    .selectFrom('feedback')
    .selectAll('feedback')
    .where((eb) => eb.and([...conditions(eb, scope, filter), ...(after ? [keyset(eb, sort, after)] : [])]));
  q =
    sort === 'created'
      ? q.orderBy('feedback.created_at', 'desc').orderBy('feedback.id', 'desc')
      : q.orderBy('feedback.resolution_due_at', (ob) => ob.asc().nullsLast()).orderBy('feedback.id', 'asc');
  return q.limit(limit).execute();
}
