import type { Subtask } from '../../../../../shared/contracts/subtasks.js';
import type { Locale } from '../../../../../shared/enums.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../../platform/db/database.js';
import { getDepartmentSummaries, getUserSummaries } from '../../../identity/index.js';
import { loadSlaStates } from '../../../sla/index.js';
import { findFeedbackRecords } from '../../feedback.repository.js';
import { canViewSubtask } from '../subtasks.policy.js';
import { presentSubtask } from '../subtasks.presenter.js';
import type { SubtaskRow } from '../subtasks.repository.js';

/**
 * Sub-tasks as the actor may see them, each with its parent's number, status, owner and SLA (as of the
 * last sweep, like the item itself); ones the actor may not see are left out.
 */
export async function loadSubtaskViews(
  db: DbOrTrx,
  actor: Actor,
  rows: SubtaskRow[],
  locale: Locale,
): Promise<Subtask[]> {
  if (rows.length === 0) return [];
  const parentIds = [...new Set(rows.map((r) => r.feedback_id))];
  const parents = new Map((await findFeedbackRecords(db, parentIds)).map((p) => [p.id, p]));
  const visible = rows.filter((r) => {
    const parent = parents.get(r.feedback_id);
    return parent !== undefined && canViewSubtask(actor, r, parent);
  });
  const departmentIds = new Set<string>();
  for (const r of visible) departmentIds.add(r.department_id);
  for (const p of parents.values()) if (p.department_id) departmentIds.add(p.department_id);
  const assigneeIds = visible.map((r) => r.assignee_id).filter((id): id is string => id !== null);
  const [departments, users, sla] = await Promise.all([
    getDepartmentSummaries(db, [...departmentIds]),
    getUserSummaries(db, [...new Set(assigneeIds)]),
    loadSlaStates(db, parentIds),
  ]);
  return visible.map((r) => presentSubtask(r, { parents, departments, users, sla, locale }));
}
