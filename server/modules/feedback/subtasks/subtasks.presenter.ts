import type { SlaState } from '../../../../shared/contracts/sla.js';
import type { Subtask } from '../../../../shared/contracts/subtasks.js';
import type { Locale } from '../../../../shared/enums.js';
import type { DepartmentRef, UserSummary } from '../../identity/index.js';
import type { FeedbackRecord } from '../feedback.repository.js';
import type { SubtaskRow } from './subtasks.repository.js';

export interface SubtaskContext {
  parents: ReadonlyMap<string, FeedbackRecord>;
  departments: ReadonlyMap<string, DepartmentRef>;
  users: ReadonlyMap<string, UserSummary>;
  sla: ReadonlyMap<string, SlaState>;
  locale: Locale;
}

function department(ref: DepartmentRef | undefined, id: string, locale: Locale) {
  if (!ref) return { id, code: '', name: '' };
  return { id: ref.id, code: ref.code, name: locale === 'en' ? ref.nameEn : ref.nameZh };
}

export function presentSubtask(row: SubtaskRow, ctx: SubtaskContext): Subtask {
  const parent = ctx.parents.get(row.feedback_id)!;
  const assignee = row.assignee_id ? ctx.users.get(row.assignee_id) : undefined;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    outcome: row.outcome,
    department: department(ctx.departments.get(row.department_id), row.department_id, ctx.locale),
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    parent: {
      id: parent.id,
      number: parent.number,
      subject: parent.subject,
      status: parent.status,
      department: parent.department_id
        ? department(ctx.departments.get(parent.department_id), parent.department_id, ctx.locale)
        : null,
      sla: ctx.sla.get(parent.id) ?? null,
    },
  };
}
