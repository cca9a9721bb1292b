import { type Actor, requireActor } from '../../../platform/auth/actor.js';
import { AppError } from '../../../platform/http/errors.js';
import { canView, type FeedbackAccessTarget } from '../feedback.policy.js';
import type { SubtaskRow } from './subtasks.repository.js';

/** Who sees a sub-task: whoever sees its parent, and everyone of the sub-task's department. */
export function canViewSubtask(actor: Actor, subtask: SubtaskRow, parent: FeedbackAccessTarget): boolean {
  return (
    canView(actor, parent) || (actor.departmentId !== null && actor.departmentId === subtask.department_id)
  );
}

/**
 * Changing a sub-task (status, assignee, outcome) belongs to the department doing it: its members, its
 * assignee, and supervisors and admins; analysts never. 404 subtask_not_found when it is not visible,
 * 403 otherwise.
 */
export function authorizeChangeSubtask(
  actor: Actor | null,
  subtask: SubtaskRow,
  parent: FeedbackAccessTarget,
): Actor {
  const a = requireActor(actor);
  if (!canViewSubtask(a, subtask, parent)) throw new AppError('subtask_not_found');
  if (a.role === 'admin' || a.role === 'supervisor') return a;
  if (a.role === 'analyst') throw new AppError('forbidden');
  const mine =
    a.departmentId === subtask.department_id || (a.type === 'user' && a.id === subtask.assignee_id);
  if (!mine) throw new AppError('forbidden');
  return a;
}
