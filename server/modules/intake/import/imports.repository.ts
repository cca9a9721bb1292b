import type { DbOrTrx } from '../../../platform/db/database.js';
import type { ImportRejectionTable, ImportTable } from './imports.table.js';

export type ImportRow = ImportTable;

/** Which of these sourceIds an earlier import already created items for. */
export async function findImportedSourceIds(db: DbOrTrx, sourceIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await db
      .selectFrom('feedback')
      .select('source_id')
      .where('source', '=', 'import')
      .where('source_id', 'in', sourceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.source_id) found.add(r.source_id);
  }
  return found;
}

export async function insertImport(db: DbOrTrx, row: ImportRow): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

export async function findImport(db: DbOrTrx, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a queued import to running; false when another worker already took it. */
export async function claimImport(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ status: 'running', started_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateImport(
  db: DbOrTrx,
  id: string,
  changes: Partial<Omit<ImportRow, 'id'>>,
): Promise<void> {
  await db.updateTable('imports').set(changes).where('id', '=', id).execute();
}

export async function insertRejections(db: DbOrTrx, rows: ImportRejectionTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('import_rejections')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Rejections in row order, page by page (report downloads stream them). */
export async function listRejections(
  db: DbOrTrx,
  importId: string,
  afterRow: number,
  limit: number,
): Promise<ImportRejectionTable[]> {
  return db
    .selectFrom('import_rejections')
    .selectAll()
    .where('import_id', '=', importId)
    .where('row', '>', afterRow)
    .orderBy('row')
    .limit(limit)
    .execute();
}
