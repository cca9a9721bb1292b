import type { SubtaskStatus, UpdateSubtask } from '../../../../../shared/contracts/subtasks.js';
import { AppError } from '../../../../platform/http/errors.js';
import { findSupervisorIds, recordAudit } from '../../../identity/index.js';
import { notifyUsers } from '../../../notifications/index.js';
import { beginChange, type CommandBase, recordChange } from '../../commands/change.js';
import { FEEDBACK_EVENTS } from '../../feedback.events.js';
import { saveFeedbackRow } from '../../feedback.repository.js';
import { findSubtask, type SubtaskRow, updateSubtaskRow } from '../subtasks.repository.js';
import { checkSubtaskAssignee } from './create-subtask.js';

const NEXT: Record<SubtaskStatus, readonly SubtaskStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};
const CLOSED: readonly SubtaskStatus[] = ['done', 'cancelled'];
const STATUS_LABEL: Record<SubtaskStatus, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  in_progress: { zh: '处理中', en: 'in progress' },
  done: { zh: '已完成', en: 'done' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/**
 * Changes a sub-task's status, assignee or outcome. Closing it (done or cancelled; final, 409
 * subtask_closed afterwards) is noted on the parent item under its row lock — history `subtask_closed`
 * with the outcome, event `feedback.subtask_closed` — and the parent's assignee (or its department's
 * supervisors) is notified. Other changes are audited on the sub-task only.
 */
export async function updateSubtask(
  options: CommandBase & { subtaskId: string; changes: UpdateSubtask },
): Promise<SubtaskRow> {
  const { trx, actor, at, changes } = options;
  const before = await findSubtask(trx, options.subtaskId);
  if (!before) throw new AppError('subtask_not_found');
  // The parent's row lock serialises changes of its sub-tasks, so two closings cannot both note it.
  const parent = await beginChange(trx, before.feedback_id);
  const current = (await findSubtask(trx, before.id))!;
  if (CLOSED.includes(current.status)) throw new AppError('subtask_closed');
  const status = changes.status ?? current.status;
  if (status !== current.status && !NEXT[current.status].includes(status))
    throw new AppError('invalid_transition', { params: { from: current.status, to: status } });
  if (changes.assigneeId) await checkSubtaskAssignee(trx, changes.assigneeId, current.department_id);
  const closing = CLOSED.includes(status);
  const next: SubtaskRow = {
    ...current,
    status,
    assignee_id: changes.assigneeId !== undefined ? changes.assigneeId : current.assignee_id,
    outcome: changes.outcome !== undefined ? changes.outcome || null : current.outcome,
    updated_at: at,
    closed_at: closing ? at : null,
  };
  await updateSubtaskRow(trx, current.id, {
    status: next.status,
    assignee_id: next.assignee_id,
    outcome: next.outcome,
    updated_at: at,
    closed_at: next.closed_at,
  });
  if (!closing) {
    await recordAudit(trx, {
      actor,
      action: 'feedback.subtask_updated',
      entityType: 'feedback_subtask',
      entityId: current.id,
      details: changes,
      ip: options.ip ?? null,
      at,
    });
    return next;
  }
  await saveFeedbackRow(trx, parent, {}, at);
  await recordChange(options, {
    feedbackId: parent.id,
    history: [
      {
        type: 'subtask_closed',
        from: current.department_id,
        to: status,
        reason: next.outcome,
        data: { subtaskId: current.id, title: current.title, departmentId: current.department_id, status },
      },
    ],
    event: FEEDBACK_EVENTS.subtaskClosed,
    payload: {
      number: parent.number,
      subtaskId: current.id,
      departmentId: current.department_id,
      status,
      outcome: next.outcome,
    },
  });
  const recipients = parent.assignee_id
    ? [parent.assignee_id]
    : await findSupervisorIds(trx, parent.department_id);
  const label = STATUS_LABEL[status];
  await notifyUsers(
    trx,
    recipients,
    {
      kind: 'subtask.closed',
      feedbackId: parent.id,
      titleZh: `工单 ${parent.number} 的协办任务${label.zh}：${current.title}`,
      titleEn: `Sub-task of ticket ${parent.number} ${label.en}: ${current.title}`,
      data: { number: parent.number, subtaskId: current.id, status },
    },
    at,
  );
  return next;
}
