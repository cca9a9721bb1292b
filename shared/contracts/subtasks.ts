import { z } from 'zod';
import { ZSlaState } from './sla.js';

export const SUBTASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

export const ZCreateSubtask = z
  .object({
    /** The department asked to help; not the item's own. */
    departmentId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).optional(),
    /** An active user of that department; omitted: its supervisors pick someone. */
    assigneeId: z.uuid().optional(),
  })
  .strict();
export type CreateSubtask = z.infer<typeof ZCreateSubtask>;

export const ZUpdateSubtask = z
  .object({
    status: z.enum(SUBTASK_STATUSES).optional(),
    assigneeId: z.uuid().nullable().optional(),
    /** What was done (kept when the sub-task is closed, and noted on the parent's history). */
    outcome: z.string().trim().max(5000).optional(),
  })
  .strict()
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined || v.outcome !== undefined, {
    message: 'status, assigneeId or outcome is required',
  });
export type UpdateSubtask = z.infer<typeof ZUpdateSubtask>;

const ZDepartmentRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const ZSubtask = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(SUBTASK_STATUSES),
  outcome: z.string().nullable(),
  department: ZDepartmentRef,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The item it belongs to, whose owner does not change; its SLA is the sub-task's deadline too. */
  parent: z.object({
    id: z.string(),
    number: z.string(),
    subject: z.string().nullable(),
    status: z.string(),
    department: ZDepartmentRef.nullable(),
    sla: ZSlaState.nullable(),
  }),
});
export type Subtask = z.infer<typeof ZSubtask>;

export const ZSubtaskResponse = z.object({ data: ZSubtask });
export const ZSubtaskListResponse = z.object({ data: z.array(ZSubtask) });
export const ZSubtaskParams = z.object({ subtaskId: z.uuid() });
export const ZSubtaskListQuery = z
  .object({
    /** Admins, supervisors and analysts: any department; others: their own (the default). */
    departmentId: z.uuid().optional(),
    status: z.enum(SUBTASK_STATUSES).optional(),
  })
  .strict();
