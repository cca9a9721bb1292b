import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { storageKeysUnder } from '../attachments/attachments.repository.js';
import { deleteStoredFiles } from '../attachments/storage.js';

/** Files younger than this are left alone: their row may still be on its way. */
const MIN_AGE_MS = 24 * 3_600_000;

function monthFolder(at: Date): string {
  return `attachments/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/`;
}

/**
 * Daily job `feedback.sweep-orphan-files`: a crash between storing a file and committing its row (or a caller
 * that forgot discardPreparedAttachments) leaves a file no row names. Files of this month's and last month's
 * folders older than a day that neither an attachment nor an upload names are deleted. Returns how many.
 */
export async function sweepOrphanFiles(db: DbOrTrx, dataDir: string, now: Date): Promise<number> {
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  let removed = 0;
  for (const folder of [monthFolder(lastMonth), monthFolder(now)]) {
    let names: string[];
    try {
      names = await readdir(path.join(dataDir, folder));
    } catch {
      continue;
    }
    const known = await storageKeysUnder(db, folder);
    const orphans: string[] = [];
    for (const name of names) {
      const key = `${folder}${name}`;
      if (known.has(key)) continue;
      const info = await stat(path.join(dataDir, key)).catch(() => null);
      if (info?.isFile() && now.getTime() - info.mtimeMs >= MIN_AGE_MS) orphans.push(key);
    }
    await deleteStoredFiles(dataDir, orphans);
    removed += orphans.length;
  }
  return removed;
}
