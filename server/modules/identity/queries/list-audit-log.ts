import type { AuditEntry, ListAuditQuery } from '../../../../shared/contracts/identity.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { presentAuditEntry } from '../identity.presenter.js';
import { isUuid, listAuditRows } from '../identity.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const utc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

/** Newest first, keyset-paginated on (created_at, id). */
export async function listAuditLog(
  db: DbOrTrx,
  query: ListAuditQuery,
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  let before: { createdAt: string; id: string } | undefined;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, ['createdAt', 'id'] as const);
    if (!isUuid(c.id) || Number.isNaN(Date.parse(c.createdAt))) throw new AppError('invalid_cursor');
    before = { createdAt: c.createdAt, id: c.id };
  }
  const rows = await listAuditRows(db, {
    entityType: query.entityType,
    entityId: query.entityId,
    actorId: query.actorId,
    action: query.action,
    from: utc(query.from),
    to: utc(query.to),
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(presentAuditEntry),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
