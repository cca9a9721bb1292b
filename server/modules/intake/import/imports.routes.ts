import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type ImportView,
  ZImportParams,
  ZImportResponse,
  ZStartImportQuery,
} from '../../../../shared/contracts/imports.js';
import type { Locale } from '../../../../shared/enums.js';
import { requireRole } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { type ErrorCode, formatMessage } from '../../../platform/http/messages.js';
import { csvLine, parseMapping, reasonText } from './fields.js';
import { IMPORT_JOBS, importsDir } from './import-job.js';
import { findImport, type ImportRow, insertImport, listRejections } from './imports.repository.js';
import { detectFormat, type ImportFormat } from './readers.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploads may be far larger than JSON bodies; they are streamed to disk, never held in memory. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

function present(row: ImportRow, locale: Locale): ImportView {
  const error = row.error
    ? (JSON.parse(row.error) as { code: ErrorCode; params: Record<string, unknown> })
    : null;
  return {
    id: row.id,
    status: row.status as ImportView['status'],
    format: row.format as ImportView['format'],
    filename: row.filename,
    sizeBytes: row.size_bytes,
    dryRun: row.dry_run === 1,
    processedRows: row.processed_rows,
    imported: row.imported,
    skipped: row.skipped,
    rejected: row.rejected,
    error: error ? { code: error.code, message: formatMessage(error.code, locale, error.params) } : null,
    reportUrl: `/api/v1/imports/${row.id}/report.csv`,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

async function getImportOrThrow(db: DbOrTrx, id: string): Promise<ImportRow> {
  const row = await findImport(db, id);
  if (!row) throw new AppError('import_not_found');
  return row;
}

/** Copies the upload to `target`, refusing (413, nothing kept) once it grows past the limit. */
async function saveUpload(body: Readable, target: string): Promise<number> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > IMPORT_BODY_LIMIT)
        return done(new AppError('body_too_large', { params: { limit: IMPORT_BODY_LIMIT } }));
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return size;
}

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, queue, clock } = app.ctx;
  const tags = ['imports'];

  // Raw bodies: the file itself is the request body (no multipart), streamed straight to disk.
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], (_req, payload, done) =>
    done(null, payload),
  );

  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX file as the raw body (text/csv or the XLSX type) and import it in the background',
        querystring: ZStartImportQuery,
        response: { 202: ZImportResponse },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req.actor, 'admin', 'supervisor');
      const mapping = parseMapping(req.query.map);
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(req.body instanceof Readable))
        throw new AppError('unsupported_media_type', { params: { type: contentType } });
      const dir = importsDir(app.ctx);
      await fs.promises.mkdir(dir, { recursive: true });
      const id = newId();
      const declared: ImportFormat | null =
        contentType === XLSX_TYPE ? 'xlsx' : contentType === 'text/csv' ? 'csv' : null;
      const storedFile = `${id}.upload`;
      const target = path.join(dir, storedFile);
      const size = await saveUpload(req.body, target);
      if (size === 0) {
        await fs.promises.rm(target, { force: true });
        throw new AppError('empty_body');
      }
      let format: ImportFormat;
      try {
        format = await detectFormat(target);
        if (declared && declared !== format)
          throw new AppError('import_unknown_format', { params: { file: req.query.filename ?? storedFile } });
      } catch (error) {
        await fs.promises.rm(target, { force: true });
        throw error;
      }
      const finalFile = `${id}.${format}`;
      await fs.promises.rename(target, path.join(dir, finalFile));
      const at = clock().toISOString();
      const row: ImportRow = {
        id,
        status: 'queued',
        format,
        filename: req.query.filename ?? null,
        stored_file: finalFile,
        size_bytes: size,
        mapping: mapping.size > 0 ? JSON.stringify(Object.fromEntries(mapping)) : null,
        dry_run: req.query.dryRun ? 1 : 0,
        processed_rows: 0,
        imported: 0,
        skipped: 0,
        rejected: 0,
        error: null,
        created_by_type: actor.type,
        created_by_id: actor.id,
        created_at: at,
        started_at: null,
        finished_at: null,
      };
      await database.write(async (trx) => {
        await insertImport(trx, row);
        await queue.enqueue(
          IMPORT_JOBS.run,
          { importId: id },
          { dedupeKey: `import:${id}`, trx, maxAttempts: 1 },
        );
      });
      reply.code(202).header('location', `/api/v1/imports/${id}`);
      return { data: present(row, req.locale) };
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress and counts of an import',
        params: ZImportParams,
        response: { 200: ZImportResponse },
      },
    },
    async (req) => {
      requireRole(req.actor, 'admin', 'supervisor');
      return { data: present(await getImportOrThrow(database.db, req.params.id), req.locale) };
    },
  );

  app.get(
    '/imports/:id/report.csv',
    {
      schema: {
        tags,
        summary: 'Rejected rows of an import as CSV: row,field,reason (reason = code: English / 中文)',
        params: ZImportParams,
      },
    },
    async (req, reply) => {
      requireRole(req.actor, 'admin', 'supervisor');
      const record = await getImportOrThrow(database.db, req.params.id);
      async function* lines(): AsyncGenerator<string> {
        yield 'row,field,reason\n';
        let after = 0;
        for (;;) {
          const page = await listRejections(database.db, record.id, after, 1000);
          if (page.length === 0) return;
          yield page.map((r) => csvLine([r.row, r.field, reasonText(r.code)])).join('');
          after = page[page.length - 1]!.row;
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${record.id}-report.csv"`)
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(lines()));
    },
  );
};
