import type { ListCustomersQuery } from '../../../../shared/contracts/customers.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import * as repo from '../customers.repository.js';
import { normalizeEmail, normalizePhone } from '../normalize-identity.js';
import type { CustomerView } from './customer-view.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id]), 'utf8').toString('base64url');
}

/** Parses an opaque cursor; 400 invalid_cursor for anything we did not issue. */
export function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (
        typeof createdAt === 'string' &&
        typeof id === 'string' &&
        UUID_RE.test(id) &&
        !Number.isNaN(Date.parse(createdAt)) &&
        new Date(createdAt).toISOString() === createdAt
      ) {
        return { createdAt, id };
      }
    }
  } catch {
    // fall through: not base64url JSON
  }
  throw new AppError('invalid_cursor');
}

/** What a search text can match: name (contains), email (contains), phone digits (contains). */
function searchTerms(q: string): Pick<repo.CustomerSearch, 'namePattern' | 'identityPatterns'> {
  const lower = q.toLowerCase();
  const identityPatterns = [repo.likeContains(lower)];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && /^[+\d\s().\-/]+$/.test(q)) identityPatterns.push(repo.likeContains(digits));
  const phone = normalizePhone(q);
  if (phone) identityPatterns.push(phone);
  const email = normalizeEmail(q);
  if (email) identityPatterns.push(repo.likeContains(email));
  return { namePattern: repo.likeContains(q), identityPatterns: [...new Set(identityPatterns)] };
}

/** Newest first, keyset-paginated by (created_at, id). Stats come from the denormalised columns. */
export async function listCustomers(
  db: DbOrTrx,
  query: ListCustomersQuery,
): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await repo.searchCustomers(db, {
    ...(query.q ? searchTerms(query.q) : {}),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(after ? { after } : {}),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const identities = await repo.findIdentitiesOf(
    db,
    page.map((r) => r.id),
  );
  const items = page.map((customer) => ({
    customer,
    identities: identities.filter((i) => i.customer_id === customer.id),
    stats: { count: customer.feedback_count, lastFeedbackAt: customer.last_feedback_at },
  }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
  return { items, nextCursor };
}
