import type { CreateSubtask } from '../../../../../shared/contracts/subtasks.js';
import { newId } from '../../../../platform/db/ids.js';
import { AppError } from '../../../../platform/http/errors.js';
import {
  findActiveUserIds,
  findSupervisorIds,
  getDepartmentSummaries,
  getUserSummaries,
} from '../../../identity/index.js';
import { notifyUsers } from '../../../notifications/index.js';
import { beginChange, type CommandBase, recordChange } from '../../commands/change.js';
import { FEEDBACK_EVENTS } from '../../feedback.events.js';
import { addShare, isUuid, saveFeedbackRow } from '../../feedback.repository.js';
import { insertSubtask, type SubtaskRow } from '../subtasks.repository.js';

/** 400 subtask_assignee_invalid unless the user is active and belongs to the department. */
export async function checkSubtaskAssignee(
  trx: CommandBase['trx'],
  assigneeId: string,
  departmentId: string,
): Promise<void> {
  const user = (await getUserSummaries(trx, [assigneeId])).get(assigneeId);
  const active = await findActiveUserIds(trx, [assigneeId]);
  if (!user || active.length === 0 || user.departmentId !== departmentId)
    throw new AppError('subtask_assignee_invalid');
}

/**
 * Spawns a sub-task of an item for another department, under the item's row lock: the item keeps its
 * department and assignee; the other department gets a read-only share of it (unless already shared),
 * the item's history `subtask_created`, the event `feedback.subtask_created`, and the sub-task's
 * assignee (or that department's supervisors) an in-app notification.
 */
export async function createSubtask(
  options: CommandBase & { feedbackId: string; input: CreateSubtask },
): Promise<SubtaskRow> {
  const { trx, actor, at, input } = options;
  const row = await beginChange(trx, options.feedbackId);
  if (row.status === 'closed' || row.status === 'merged') throw new AppError('subtask_parent_closed');
  if (row.department_id === input.departmentId) throw new AppError('subtask_same_department');
  const departments = isUuid(input.departmentId)
    ? await getDepartmentSummaries(trx, [input.departmentId])
    : null;
  if (!departments?.has(input.departmentId)) throw new AppError('department_not_found');
  if (input.assigneeId) await checkSubtaskAssignee(trx, input.assigneeId, input.departmentId);
  const subtask: SubtaskRow = {
    id: newId(),
    feedback_id: row.id,
    department_id: input.departmentId,
    assignee_id: input.assigneeId ?? null,
    title: input.title,
    description: input.description || null,
    status: 'open',
    outcome: null,
    created_by: actor.type === 'user' ? actor.id : null,
    created_at: at,
    updated_at: at,
    closed_at: null,
  };
  await insertSubtask(trx, subtask);
  const sharedBy = actor.type === 'user' ? actor.id : null;
  const shared = await addShare(trx, {
    feedbackId: row.id,
    departmentId: input.departmentId,
    sharedBy,
    at,
    access: 'read',
  });
  await saveFeedbackRow(trx, row, {}, at);
  await recordChange(options, {
    feedbackId: row.id,
    history: [
      {
        type: 'subtask_created',
        to: input.departmentId,
        data: {
          subtaskId: subtask.id,
          title: subtask.title,
          assigneeId: subtask.assignee_id,
          sharedReadOnly: shared,
        },
      },
    ],
    event: FEEDBACK_EVENTS.subtaskCreated,
    payload: {
      number: row.number,
      subtaskId: subtask.id,
      departmentId: input.departmentId,
      assigneeId: subtask.assignee_id,
    },
  });
  const recipients = subtask.assignee_id
    ? [subtask.assignee_id]
    : await findSupervisorIds(trx, input.departmentId);
  await notifyUsers(
    trx,
    recipients,
    {
      kind: 'subtask.created',
      feedbackId: row.id,
      titleZh: `工单 ${row.number} 的协办任务：${subtask.title}`,
      titleEn: `Sub-task of ticket ${row.number}: ${subtask.title}`,
      data: { number: row.number, subtaskId: subtask.id },
    },
    at,
  );
  return subtask;
}
