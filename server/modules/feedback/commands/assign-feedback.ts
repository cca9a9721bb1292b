import { AppError } from '../../../platform/http/errors.js';
import { getDepartmentSummaries, getUserById } from '../../identity/index.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, isUuid, saveFeedbackRow } from '../feedback.repository.js';
import { assertNotMerged, beginChange, type CommandBase, type HistoryEntry, recordChange } from './change.js';

/**
 * Sets the assignee and/or the responsible department (null clears). Assigning a person to an item
 * without a department also hands it to that person's department. Unchanged values write nothing.
 */
export async function assignFeedback(
  options: CommandBase & {
    feedbackId: string;
    assigneeId?: string | null;
    departmentId?: string | null;
    reason?: string | null;
  },
): Promise<FeedbackRecord> {
  const { trx, at } = options;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  let assigneeId = row.assignee_id;
  let departmentId = row.department_id;
  if (options.assigneeId !== undefined) {
    if (options.assigneeId !== null) {
      const user = isUuid(options.assigneeId) ? await getUserById(trx, options.assigneeId) : null;
      if (!user) throw new AppError('user_not_found');
      if (options.departmentId === undefined && departmentId === null) departmentId = user.departmentId;
    }
    assigneeId = options.assigneeId;
  }
  if (options.departmentId !== undefined) {
    if (options.departmentId !== null) {
      const found = isUuid(options.departmentId)
        ? await getDepartmentSummaries(trx, [options.departmentId])
        : null;
      if (!found?.has(options.departmentId)) throw new AppError('department_not_found');
    }
    departmentId = options.departmentId;
  }
  const reason = options.reason ?? null;
  const history: HistoryEntry[] = [];
  if (assigneeId !== row.assignee_id)
    history.push({ type: 'assignee_changed', from: row.assignee_id, to: assigneeId, reason });
  if (departmentId !== row.department_id)
    history.push({ type: 'department_changed', from: row.department_id, to: departmentId, reason });
  if (history.length === 0) return (await findFeedbackRecord(trx, row.id))!;

  await saveFeedbackRow(trx, row, { assignee_id: assigneeId, department_id: departmentId }, at);
  await recordChange(options, {
    feedbackId: row.id,
    history,
    event: FEEDBACK_EVENTS.assigned,
    payload: {
      number: row.number,
      assignee: { from: row.assignee_id, to: assigneeId },
      department: { from: row.department_id, to: departmentId },
      reason,
    },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
