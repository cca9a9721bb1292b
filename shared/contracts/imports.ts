import { z } from 'zod';

export const ZStartImportQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => v === 'true' || v === '1')
      .describe('Validate and report without writing anything'),
    map: z
      .string()
      .max(2000)
      .optional()
      .describe('Column mapping for other headers: "描述=description,电话=customer.phone"'),
    filename: z.string().trim().min(1).max(255).optional().describe('Original file name (shown back)'),
  })
  .strict();

export const ZImportParams = z.object({ id: z.guid() }).strict();

export const ZImport = z.object({
  id: z.string(),
  /** queued → running → done | failed */
  status: z.enum(['queued', 'running', 'done', 'failed']),
  format: z.enum(['csv', 'xlsx']),
  filename: z.string().nullable(),
  sizeBytes: z.number().int(),
  dryRun: z.boolean(),
  processedRows: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  reportUrl: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ZImport>;

export const ZImportResponse = z.object({ data: ZImport });
