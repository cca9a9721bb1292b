import { z } from 'zod';
import { FEEDBACK_STATUSES, PRIORITIES } from '../enums.js';
import { ZTagPath } from './feedback.js';

const ZId = z.guid();
const ZReason = z.string().trim().min(1).max(2000);

/** Most items one bulk request may change. */
export const BULK_MAX_ITEMS = 200;

export const ZBulkAssign = z
  .object({
    kind: z.literal('assign'),
    assigneeId: ZId.nullable().optional().describe('null unassigns'),
    departmentId: ZId.optional(),
    reason: ZReason.optional(),
  })
  .strict()
  .describe('Assign every item to an agent and/or a department (like POST /feedback/{id}/assign)');

export const ZBulkTag = z
  .object({
    kind: z.literal('tag'),
    add: z.array(ZTagPath).max(50).optional().describe('Tag paths added to each item'),
    remove: z.array(ZTagPath).max(50).optional().describe('Tag paths removed from each item'),
  })
  .strict()
  .describe("Add and/or remove tags on every item, keeping each item's other tags");

export const ZBulkStatus = z
  .object({
    kind: z.literal('status'),
    to: z.enum(FEEDBACK_STATUSES),
    reason: ZReason.optional(),
  })
  .strict()
  .describe(
    'Move every item along the lifecycle (like POST /feedback/{id}/transitions); "resolved" needs a ' +
      'closure letter per item, so it is refused for each item with closure_required',
  );

export const ZBulkPriority = z
  .object({
    kind: z.literal('priority'),
    priority: z.enum(PRIORITIES),
    reason: ZReason.describe('Why the priority changes (kept in each history row)'),
  })
  .strict()
  .describe('Set the priority of every item (like PATCH /feedback/{id} with priority and reason)');

export const ZBulkAction = z.discriminatedUnion('kind', [ZBulkAssign, ZBulkTag, ZBulkStatus, ZBulkPriority]);
export type BulkAction = z.infer<typeof ZBulkAction>;

export const ZBulkFeedback = z
  .object({
    ids: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(BULK_MAX_ITEMS)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'ids must be unique' })
      .describe(`1–${BULK_MAX_ITEMS} distinct feedback ids`),
    action: ZBulkAction,
  })
  .strict()
  .superRefine((body, ctx) => {
    const a = body.action;
    if (a.kind === 'assign' && a.assigneeId === undefined && a.departmentId === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'assigneeId or departmentId is required',
        path: ['action', 'assigneeId'],
      });
    if (a.kind === 'tag' && (a.add ?? []).length === 0 && (a.remove ?? []).length === 0)
      ctx.addIssue({ code: 'custom', message: 'add or remove is required', path: ['action', 'add'] });
  });
export type BulkFeedback = z.infer<typeof ZBulkFeedback>;

export const ZBulkItemResult = z.union([
  z.object({
    id: z.string(),
    number: z.string().optional(),
    ok: z.literal(true),
  }),
  z.object({
    id: z.string(),
    number: z
      .string()
      .optional()
      .describe('Given when the caller may see the item (never for not-found or out-of-scope ids)'),
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string().describe("In the caller's language") }),
  }),
]);
export type BulkItemResult = z.infer<typeof ZBulkItemResult>;

export const ZBulkFeedbackResponse = z.object({
  data: z.object({
    results: z.array(ZBulkItemResult).describe('One result per id, in the order of `ids`'),
    succeeded: z.number().int(),
    failed: z.number().int(),
  }),
});
export type BulkFeedbackResponse = z.infer<typeof ZBulkFeedbackResponse>;
