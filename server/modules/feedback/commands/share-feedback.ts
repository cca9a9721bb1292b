import { AppError } from '../../../platform/http/errors.js';
import { getDepartmentSummaries } from '../../identity/index.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import {
  addShare,
  type FeedbackRecord,
  findFeedbackRecord,
  isUuid,
  removeShare,
  saveFeedbackRow,
  upgradeShare,
} from '../feedback.repository.js';
import { assertNotMerged, beginChange, type CommandBase, recordChange } from './change.js';

/**
 * Shares an item with another department for collaboration: its members see and work on it while
 * ownership (department, assignee) stays. Sharing again changes nothing; sharing with a department that
 * only reads the item (through a sub-task) lets it collaborate.
 */
export async function shareFeedback(
  options: CommandBase & { feedbackId: string; departmentId: string },
): Promise<FeedbackRecord> {
  const { trx, actor, at, departmentId } = options;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  const departments = isUuid(departmentId) ? await getDepartmentSummaries(trx, [departmentId]) : null;
  if (!departments?.has(departmentId)) throw new AppError('department_not_found');
  const sharedBy = actor.type === 'user' ? actor.id : null;
  if (
    (await addShare(trx, { feedbackId: row.id, departmentId, sharedBy, at })) ||
    (await upgradeShare(trx, row.id, departmentId))
  ) {
    await saveFeedbackRow(trx, row, {}, at);
    await recordChange(options, {
      feedbackId: row.id,
      history: [{ type: 'shared', to: departmentId }],
      event: FEEDBACK_EVENTS.shared,
      payload: { number: row.number, departmentId },
    });
  }
  return (await findFeedbackRecord(trx, row.id))!;
}

/** Stops sharing an item with a department; 404 not_found when it was not shared with it. */
export async function unshareFeedback(
  options: CommandBase & { feedbackId: string; departmentId: string },
): Promise<FeedbackRecord> {
  const { trx, at, departmentId } = options;
  const row = await beginChange(trx, options.feedbackId);
  if (!(await removeShare(trx, row.id, departmentId))) throw new AppError('not_found');
  await saveFeedbackRow(trx, row, {}, at);
  await recordChange(options, {
    feedbackId: row.id,
    history: [{ type: 'unshared', from: departmentId }],
    event: FEEDBACK_EVENTS.unshared,
    payload: { number: row.number, departmentId },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
