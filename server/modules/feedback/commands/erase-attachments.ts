import type { DatabaseHandle } from '../../../platform/db/database.js';
import { attachmentsOfCustomer, deleteAttachments } from '../attachments/attachments.repository.js';
import { deleteStoredFiles } from '../attachments/storage.js';

/**
 * On `customer.erased`: the files of the customer's items are deleted first, then their rows (a retry after
 * a crash in between finds the rows and deletes again; no file outlives the erasure).
 */
export async function eraseCustomerAttachments(
  database: Pick<DatabaseHandle, 'db' | 'write'>,
  dataDir: string,
  customerId: string,
): Promise<number> {
  const rows = await attachmentsOfCustomer(database.db, customerId);
  if (rows.length === 0) return 0;
  await deleteStoredFiles(
    dataDir,
    rows.map((r) => r.storage_key),
  );
  await database.write((trx) =>
    deleteAttachments(
      trx,
      rows.map((r) => r.id),
    ),
  );
  return rows.length;
}
