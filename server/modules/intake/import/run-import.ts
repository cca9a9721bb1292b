import fs from 'node:fs';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle, Trx } from '../../../platform/db/database.js';
import { isAppError } from '../../../platform/http/errors.js';
import { createFeedback } from '../../feedback/index.js';
import {
  type Cell,
  type ImportField,
  type Rejection,
  type RejectionCode,
  resolveColumns,
  type ValidRow,
  validateRow,
} from './fields.js';
import { findImportedSourceIds } from './imports.repository.js';
import { type ByteCounter, detectFormat, type ImportFormat, readSheet } from './readers.js';

export const IMPORT_SOURCE = 'import';

export interface ImportCounts {
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number;
}

export interface ImportDeps {
  database: DatabaseHandle;
  clock: () => Date;
  timeZone: string;
}

export interface ImportOptions {
  file: string;
  format?: ImportFormat;
  mapping?: Map<string, ImportField>;
  dryRun?: boolean;
  actor: Actor;
  /** Rows per write transaction. */
  batchSize?: number;
  /** Batches written at once (default: 1 on SQLite, whose writer is single anyway; 4 on Postgres). */
  concurrency?: number;
  /**
   * Called after every batch with the counts so far and the rejections found since the last call
   * (awaited, so a caller that stores them keeps pace with the import).
   */
  onProgress?: (progress: ImportProgress, rejections: Rejection[]) => Promise<void> | void;
}

interface PendingRow extends ValidRow {
  row: number;
}

const DEFAULT_BATCH = 500;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const FIELD_OF_ERROR: Record<string, { field: ImportField; code: RejectionCode }> = {
  invalid_email: { field: 'customer.email', code: 'invalid_email' },
  invalid_phone: { field: 'customer.phone', code: 'invalid_phone' },
};

/**
 * Reads a CSV or XLSX file row by row and creates one feedback item per valid row (source `import`,
 * its sourceId), in transactions of `batchSize` rows through `database.write`. Rows whose sourceId
 * was imported before, or appeared earlier in the file, are skipped; invalid rows are rejected with
 * row number, field and reason. Memory stays bounded by the batch size (a dry run also remembers the
 * file's distinct sourceIds, since it writes nothing the database could remember for it).
 */
export async function runImport(deps: ImportDeps, options: ImportOptions): Promise<ImportCounts> {
  const { database } = deps;
  const totalBytes = (await fs.promises.stat(options.file).catch(() => ({ size: 0 }))).size;
  const format = options.format ?? (await detectFormat(options.file));
  const mapping = options.mapping ?? new Map();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const dryRun = options.dryRun ?? false;
  const counts: ImportCounts = { rows: 0, imported: 0, skipped: 0, rejected: 0 };
  const counter: ByteCounter = { bytes: 0 };
  let rejections: Rejection[] = [];
  /** sourceIds of this file not yet committed (all of them on a dry run). */
  const uncommitted = new Set<string>();
  const reject = (row: number, field: string, code: RejectionCode) => {
    counts.rejected += 1;
    rejections.push({ row, field, code });
  };

  const report = async () => {
    const batch = rejections;
    rejections = [];
    await options.onProgress?.(
      { ...counts, bytesRead: Math.min(counter.bytes, totalBytes), totalBytes },
      batch,
    );
  };

  const writeRow = async (trx: Trx, pending: PendingRow, at: string) => {
    await createFeedback({
      trx,
      actor: options.actor,
      at,
      dialect: database.dialect,
      timeZone: deps.timeZone,
      input: pending.input,
    });
  };

  const writeOne = async (pending: PendingRow, at: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await database.write((trx) => writeRow(trx, pending, at));
        counts.imported += 1;
        return;
      } catch (error) {
        if (isUniqueViolation(error)) {
          // Another import took this sourceId meanwhile, or a concurrent create made the same customer.
          if (pending.sourceId && (await findImportedSourceIds(database.db, [pending.sourceId])).size > 0) {
            counts.skipped += 1;
            return;
          }
          if (attempt < 2) continue;
        }
        const known = isAppError(error) ? FIELD_OF_ERROR[error.code] : undefined;
        reject(pending.row, known?.field ?? 'row', known?.code ?? 'write_failed');
        return;
      }
    }
  };

  // One transaction per batch, without a savepoint per row (releasing one makes FTS5 flush its pending
  // terms: a millisecond a row). Rows were validated first, so a batch rarely fails; when one does, its
  // rows are written one by one so only the failing row is rejected.
  const writeBatch = async (batch: PendingRow[]) => {
    const at = deps.clock().toISOString();
    try {
      await database.write(async (trx) => {
        for (const pending of batch) await writeRow(trx, pending, at);
      });
      counts.imported += batch.length;
    } catch {
      for (const pending of batch) await writeOne(pending, at);
    }
  };

  const concurrency = options.concurrency ?? (database.kind === 'postgres' ? 4 : 1);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let batch: PendingRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const task = writeChecked(current).then(
      () => {
        inFlight.delete(task);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= error;
      },
    );
    inFlight.add(task);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  const writeChecked = async (current: PendingRow[]) => {
    const ids = current.map((p) => p.sourceId).filter((id): id is string => id !== null);
    const existing = ids.length > 0 ? await findImportedSourceIds(database.db, ids) : new Set<string>();
    const fresh = current.filter((p) => {
      if (p.sourceId && existing.has(p.sourceId)) {
        counts.skipped += 1;
        return false;
      }
      return true;
    });
    if (!dryRun && fresh.length > 0) await writeBatch(fresh);
    if (!dryRun) for (const id of ids) uncommitted.delete(id);
    if (dryRun) counts.imported += fresh.length;
    await report();
  };

  let columns: Map<number, ImportField> | null = null;
  const now = deps.clock();
  for await (const { row, cells } of readSheet(options.file, format, counter)) {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    if (!columns) {
      columns = resolveColumns(
        cells.map((c) => (c === null || c === undefined ? '' : String(c))),
        mapping,
      );
      continue;
    }
    counts.rows += 1;
    const values = new Map<ImportField, Cell>();
    for (const [index, field] of columns) values.set(field, cells[index]);
    const result = validateRow(values, { now, timeZone: deps.timeZone });
    if (!result.ok) {
      reject(row, result.field, result.code);
    } else if (result.row.sourceId && uncommitted.has(result.row.sourceId)) {
      counts.skipped += 1;
    } else {
      if (result.row.sourceId) uncommitted.add(result.row.sourceId);
      batch.push({ ...result.row, row });
      if (batch.length >= batchSize) await flush();
    }
  }
  if (!columns) resolveColumns([], mapping);
  await flush();
  await drain();
  counter.bytes = totalBytes;
  await report();
  return counts;
}
