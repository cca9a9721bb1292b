import { z } from 'zod';

export const FOLLOW_UP_REASONS = ['urgent', 'high', 'flagged'] as const;
export const FOLLOW_UP_STATUSES = ['open', 'done'] as const;

export const ZMajorComplaint = z
  .object({
    major: z
      .boolean()
      .describe('True marks the item a major complaint: it gets a follow-up visit after closure'),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();

export const ZMajorComplaintResponse = z.object({
  data: z.object({
    feedbackId: z.string(),
    major: z.boolean(),
    reason: z.string().nullable(),
    flaggedAt: z.string().nullable(),
  }),
});

export const ZFollowUpListQuery = z
  .object({
    due: z
      .union([z.enum(['now', 'all']), z.iso.datetime({ offset: true })])
      .default('now')
      .describe('`now` (default): due by now; `all`: any due time; or an ISO date-time: due by then'),
    scope: z
      .enum(['mine', 'department'])
      .default('mine')
      .describe(
        '`mine`: assigned to me; `department`: my department’s (all for admins/supervisors without one)',
      ),
    status: z.enum([...FOLLOW_UP_STATUSES, 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ZFollowUpIdParams = z.object({ id: z.string().max(100) });

export const ZFollowUpOutcome = z
  .object({
    careMeasure: z.string().trim().min(1).max(2000).describe('What was done for the customer (关怀措施)'),
    satisfiedAgain: z.boolean().describe('Whether the customer is satisfied again'),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();

export const ZFollowUp = z.object({
  id: z.string(),
  feedbackId: z.string(),
  number: z.string().nullable(),
  reason: z.enum(FOLLOW_UP_REASONS),
  reasonLabel: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  departmentId: z.string().nullable(),
  closedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
  dueNotifiedAt: z.string().nullable(),
  outcome: z
    .object({
      careMeasure: z.string(),
      satisfiedAgain: z.boolean(),
      note: z.string().nullable(),
      doneBy: z.string().nullable(),
      doneAt: z.string(),
    })
    .nullable(),
});
export type FollowUp = z.infer<typeof ZFollowUp>;

export const ZFollowUpResponse = z.object({ data: ZFollowUp });
export const ZFollowUpListResponse = z.object({ data: z.array(ZFollowUp) });
