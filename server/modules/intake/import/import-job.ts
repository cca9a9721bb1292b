import path from 'node:path';
import type { Actor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/http/context.js';
import { isAppError } from '../../../platform/http/errors.js';
import { parseMapping } from './fields.js';
import { claimImport, findImport, insertRejections, updateImport } from './imports.repository.js';
import type { ImportFormat } from './readers.js';
import { runImport } from './run-import.js';

export const IMPORT_JOBS = { run: 'imports.run' } as const;

/** Where uploaded import files are kept (generated names only). */
export function importsDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'imports');
}

/**
 * Runs one uploaded import: counts, processed rows and rejections are stored after every batch so
 * `GET /imports/:id` shows progress. A run that was already claimed is not started twice.
 */
async function runImportJob(ctx: AppContext, importId: string): Promise<void> {
  const { database } = ctx;
  if (!(await claimImport(database.db, importId, ctx.clock().toISOString()))) return;
  const record = (await findImport(database.db, importId))!;
  const actor: Actor = {
    type:
      record.created_by_type === 'api_key'
        ? 'api_key'
        : record.created_by_type === 'user'
          ? 'user'
          : 'system',
    id: record.created_by_id,
    role: 'admin',
    departmentId: null,
    name: 'import',
  };
  try {
    const counts = await runImport(
      { database, clock: ctx.clock, timeZone: ctx.config.businessTimeZone },
      {
        file: path.join(importsDir(ctx), record.stored_file),
        format: record.format as ImportFormat,
        mapping: parseMapping(record.mapping ? (JSON.parse(record.mapping) as Record<string, string>) : null),
        dryRun: record.dry_run === 1,
        actor,
        async onProgress(progress, rejections) {
          await database.write(async (trx) => {
            await insertRejections(
              trx,
              rejections.map((r) => ({ import_id: importId, row: r.row, field: r.field, code: r.code })),
            );
            await updateImport(trx, importId, {
              processed_rows: progress.rows,
              imported: progress.imported,
              skipped: progress.skipped,
              rejected: progress.rejected,
            });
          });
        },
      },
    );
    await database.write((trx) =>
      updateImport(trx, importId, {
        status: 'done',
        processed_rows: counts.rows,
        imported: counts.imported,
        skipped: counts.skipped,
        rejected: counts.rejected,
        finished_at: ctx.clock().toISOString(),
      }),
    );
  } catch (error) {
    ctx.logger.warn({ err: error, importId }, 'import failed');
    await database.write((trx) =>
      updateImport(trx, importId, {
        status: 'failed',
        error: JSON.stringify(
          isAppError(error)
            ? { code: error.code, params: error.params }
            : { code: 'internal_error', params: {} },
        ),
        finished_at: ctx.clock().toISOString(),
      }),
    );
  }
}

export function registerImportJobs(ctx: AppContext): void {
  ctx.subscribers.register(IMPORT_JOBS.run, async (payload) => {
    await runImportJob(ctx, String(payload.importId));
  });
}
