import { z } from 'zod';

/** Business-area codes are slugs: lower-case letter first, then letters, digits, "_" or "-". */
export const ZBusinessAreaCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/)
  .describe('Stable code of the area, e.g. "after_sales"');
const ZLabel = z.string().trim().min(1).max(100);

export const ZBusinessArea = z.object({
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  departments: z
    .array(z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() }))
    .describe('Departments whose queue receives items of this area (routing)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BusinessArea = z.infer<typeof ZBusinessArea>;

export const ZCreateBusinessArea = z
  .object({
    code: ZBusinessAreaCode,
    labelZh: ZLabel,
    labelEn: ZLabel,
    sortOrder: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type CreateBusinessArea = z.infer<typeof ZCreateBusinessArea>;

export const ZUpdateBusinessArea = z
  .object({
    labelZh: ZLabel.optional(),
    labelEn: ZLabel.optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateBusinessArea = z.infer<typeof ZUpdateBusinessArea>;

export const ZBusinessAreaParams = z.object({ code: z.string().max(100) });
export const ZBusinessAreaListQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only areas that may be chosen; false: only deactivated ones; absent: all'),
});
export const ZBusinessAreaResponse = z.object({ data: ZBusinessArea });
export const ZBusinessAreaListResponse = z.object({ data: z.array(ZBusinessArea) });

// ---- tag tree administration

export const ZTagPathQuery = z.object({
  path: z.string().min(1).max(200).describe('The tag path, e.g. "服务/排队时间"'),
});
export const ZUpdateTag = z
  .object({
    name: z.string().trim().min(1).max(100).optional().describe('Chinese display name of the tag'),
    labelEn: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.labelEn !== undefined, { message: 'nothing to change' });
export type UpdateTag = z.infer<typeof ZUpdateTag>;
