import type { Selectable, Updateable } from 'kysely';
import type { SubtaskStatus } from '../../../../shared/contracts/subtasks.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { isUuid } from '../feedback.repository.js';
import type { FeedbackSubtaskTable } from './subtasks.table.js';

export type SubtaskRow = Selectable<FeedbackSubtaskTable>;

export async function insertSubtask(db: DbOrTrx, row: SubtaskRow): Promise<void> {
  await db.insertInto('feedback_subtasks').values(row).execute();
}

export async function findSubtask(db: DbOrTrx, id: string): Promise<SubtaskRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('feedback_subtasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSubtaskRow(
  db: DbOrTrx,
  id: string,
  changes: Updateable<FeedbackSubtaskTable>,
): Promise<void> {
  await db.updateTable('feedback_subtasks').set(changes).where('id', '=', id).execute();
}

export function listSubtasksOf(db: DbOrTrx, feedbackId: string): Promise<SubtaskRow[]> {
  return db
    .selectFrom('feedback_subtasks')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A department's sub-tasks (or everyone's), newest first, at most 200. */
export function listSubtasks(
  db: DbOrTrx,
  filter: { departmentId?: string | null; status?: SubtaskStatus },
): Promise<SubtaskRow[]> {
  let q = db.selectFrom('feedback_subtasks').selectAll();
  if (filter.departmentId) q = q.where('department_id', '=', filter.departmentId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}
