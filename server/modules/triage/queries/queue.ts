import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FeedbackRecord, getFeedbackRecords } from '../../feedback/index.js';
import { queueIds } from '../triage.repository.js';

function encode(position: { triagedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([position.triagedAt, position.id])).toString('base64url');
}

function decode(cursor: string): { triagedAt: string; id: string } {
  try {
    const [triagedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof triagedAt === 'string' && typeof id === 'string') return { triagedAt, id };
  } catch {
    // fall through
  }
  throw new AppError('invalid_cursor');
}

/** The supervisors' triage queue: open items triage could not give a department, oldest first. */
export async function triageQueue(
  db: DbOrTrx,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ records: FeedbackRecord[]; nextCursor: string | null }> {
  const after = options.cursor ? decode(options.cursor) : undefined;
  const page = await queueIds(db, { limit: options.limit + 1, ...(after ? { after } : {}) });
  const more = page.length > options.limit;
  const rows = page.slice(0, options.limit);
  const records = await getFeedbackRecords(
    db,
    rows.map((r) => r.id),
  );
  const last = rows.at(-1);
  return { records, nextCursor: more && last ? encode(last) : null };
}
