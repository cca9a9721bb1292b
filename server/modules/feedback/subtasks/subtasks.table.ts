import type { SubtaskStatus } from '../../../../shared/contracts/subtasks.js';

/**
 * Work another department does for an item (a task record, not a second ticket): the parent keeps its
 * owner, customer, messages and SLA; the sub-task has its own department, assignee and status.
 */
export interface FeedbackSubtaskTable {
  id: string;
  feedback_id: string;
  department_id: string;
  assignee_id: string | null;
  title: string;
  description: string | null;
  status: SubtaskStatus;
  outcome: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
