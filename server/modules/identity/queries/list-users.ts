import type { ListUsersQuery, User } from '../../../../shared/contracts/identity.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { presentUser } from '../identity.presenter.js';
import { isUuid, listUserRows } from '../identity.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export async function listUsers(
  db: DbOrTrx,
  query: ListUsersQuery,
): Promise<{ data: User[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, ['id'] as const).id : undefined;
  if (after !== undefined && !isUuid(after)) throw new AppError('invalid_cursor');
  const rows = await listUserRows(db, {
    departmentId: query.departmentId,
    role: query.role,
    active: query.active === undefined ? undefined : query.active === 'true',
    q: query.q,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(presentUser),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}
