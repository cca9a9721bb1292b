import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { FeedbackTriageTable } from './feedback.table.js';

export type FeedbackTriageRow = Selectable<FeedbackTriageTable>;
export type FeedbackTriageValues = Omit<Insertable<FeedbackTriageTable>, 'feedback_id' | 'runs'>;

/** Writes an item's triage row (one per item); a re-run replaces it and counts the run. */
export async function upsertFeedbackTriage(
  trx: DbOrTrx,
  feedbackId: string,
  values: FeedbackTriageValues,
): Promise<void> {
  await trx
    .insertInto('feedback_triage')
    .values({ ...values, feedback_id: feedbackId, runs: 1 })
    .onConflict((oc) =>
      oc.column('feedback_id').doUpdateSet((eb) => ({
        ...values,
        runs: eb('feedback_triage.runs', '+', 1),
      })),
    )
    .execute();
}

export async function findFeedbackTriageRows(
  db: DbOrTrx,
  feedbackIds: string[],
): Promise<Map<string, FeedbackTriageRow>> {
  const map = new Map<string, FeedbackTriageRow>();
  for (let i = 0; i < feedbackIds.length; i += 500) {
    const rows = await db
      .selectFrom('feedback_triage')
      .selectAll()
      .where('feedback_id', 'in', feedbackIds.slice(i, i + 500))
      .execute();
    for (const row of rows) map.set(row.feedback_id, row);
  }
  return map;
}

/**
 * Which record fields people (not the system) decided for an item: given explicitly at creation
 * (`created` history data `explicit`, or for older items any value set then) or changed later by a
 * user or API key. Triage never overwrites these.
 */
export async function humanSetFields(db: DbOrTrx, feedbackId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('feedback_events')
    .select(['type', 'actor_type', 'data'])
    .where('feedback_id', '=', feedbackId)
    .where((eb) =>
      eb.or([
        eb('type', '=', 'created'),
        eb.and([eb('actor_type', '!=', 'system'), eb('type', 'in', [...CHANGE_TYPES.keys()])]),
      ]),
    )
    .execute();
  const fields = new Set<string>();
  for (const row of rows) {
    if (row.type === 'created') {
      const data = row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {};
      if (Array.isArray(data.explicit)) {
        for (const f of data.explicit) if (typeof f === 'string') fields.add(f);
      } else {
        if (data.nature) fields.add('nature');
        if (data.priority && data.priority !== 'normal') fields.add('priority');
        if (data.departmentId) fields.add('departmentId');
      }
      continue;
    }
    const field = CHANGE_TYPES.get(row.type);
    if (field) fields.add(field);
  }
  return fields;
}

const CHANGE_TYPES = new Map([
  ['nature_changed', 'nature'],
  ['business_area_changed', 'businessArea'],
  ['priority_changed', 'priority'],
  ['department_changed', 'departmentId'],
  ['assignee_changed', 'assigneeId'],
]);
