import type { FollowUp } from '../../../shared/contracts/follow-ups.js';
import type { Locale } from '../../../shared/enums.js';
import type { FollowUpRow } from './loop.repository.js';

const REASON: Record<FollowUp['reason'], Record<Locale, string>> = {
  urgent: { 'zh-CN': '紧急投诉', en: 'Urgent complaint' },
  high: { 'zh-CN': '高优先级投诉', en: 'High-priority complaint' },
  flagged: { 'zh-CN': '坐席标记的重大投诉', en: 'Flagged as a major complaint' },
};

export function presentFollowUp(
  row: FollowUpRow,
  context: { number: string | null; names: Map<string, string> },
  locale: Locale,
): FollowUp {
  const reason = row.reason as FollowUp['reason'];
  return {
    id: row.id,
    feedbackId: row.feedback_id,
    number: context.number,
    reason,
    reasonLabel: REASON[reason]?.[locale] ?? row.reason,
    assignee: row.assignee_id
      ? { id: row.assignee_id, name: context.names.get(row.assignee_id) ?? '' }
      : null,
    departmentId: row.department_id,
    closedAt: row.closed_at,
    dueAt: row.due_at,
    status: row.status as FollowUp['status'],
    dueNotifiedAt: row.due_notified_at,
    outcome:
      row.status === 'done' && row.done_at && row.care_measure !== null
        ? {
            careMeasure: row.care_measure,
            satisfiedAgain: Number(row.satisfied_again) === 1,
            note: row.note,
            doneBy: row.done_by,
            doneAt: row.done_at,
          }
        : null,
  };
}
