import type { DatabaseHandle } from '../../../platform/db/database.js';
import { deleteExpiredUploads } from '../attachments/attachments.repository.js';
import { deleteStoredFiles } from '../attachments/storage.js';

/** Grace after expiry before a staged upload is purged, so a claim racing the expiry never loses its file. */
const GRACE_MS = 3_600_000;

/** Maintenance job: staged uploads never claimed are deleted with their files once expired. */
export async function purgeExpiredUploads(
  database: Pick<DatabaseHandle, 'write'>,
  dataDir: string,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - GRACE_MS).toISOString();
  const keys = await database.write((trx) => deleteExpiredUploads(trx, before));
  await deleteStoredFiles(dataDir, keys);
  return keys.length;
}
