import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { searchTokens } from '../../../modules/nlp/segment.js';
import type { DbOrTrx } from '../database.js';
import { PostgresSideCounter } from './postgres-side-counter.js';

export interface TextMatchPlan {
  /** From this many matching documents on, a term counts as frequent (default FREQUENT_TERM_HITS). */
  frequentFrom?: number;
}

/** The few things the two databases do differently, behind one interface. */
export interface DialectHelpers {
  kind: 'sqlite' | 'postgres';
  /** Replaces the full-text document of one feedback item (call inside the writing transaction). */
  indexFeedbackText(db: DbOrTrx, feedbackId: string, text: string): Promise<void>;
  /**
   * A condition on the feedback row matching every token of the query; null when the query has no
   * tokens. Async because the Postgres plan depends on how many documents match.
   */
  feedbackTextMatch(db: DbOrTrx, query: string, plan?: TextMatchPlan): Promise<Expression<SqlBool> | null>;
  /**
   * Increments the ticket counter of a business day and returns the new value. Unique under any
   * concurrency; a create that fails after allocating leaves a gap on Postgres.
   */
  nextTicketSequence(trx: DbOrTrx, day: string): Promise<number>;
  /** Releases what the helpers hold (Postgres: the counter connection). */
  close(): Promise<void>;
}

/**
 * Below this many matching documents a search starts from the hits and sorts them; from here on it
 * walks the list in order and probes each item (about page size × items / hits probes). The two costs
 * meet near sqrt(page size × items), a few thousand for a million items.
 */
export const FREQUENT_TERM_HITS = 5000;

const NO_MATCH = sql<SqlBool>`1 = 0`;

async function countHitsUpTo(db: DbOrTrx, query: RawBuilder<{ hits: number }>): Promise<number> {
  const counted = await query.execute(db);
  return Number(counted.rows[0]?.hits ?? 0);
}

function uniqueTokens(text: string): string[] {
  return [...new Set(searchTokens(text))];
}

async function upsertTicketCounter(db: DbOrTrx, day: string): Promise<number> {
  const row = await db
    .insertInto('ticket_counters')
    .values({ day, last_value: 1 })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({ last_value: eb('ticket_counters.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export const sqliteHelpers: DialectHelpers = {
  kind: 'sqlite',
  // The single writer serialises the upsert; it commits with the item that uses the number.
  nextTicketSequence: upsertTicketCounter,
  close: async () => undefined,
  async indexFeedbackText(db, feedbackId, text) {
    // The FTS5 row of an item has rowid = feedback.search_rowid, so replacing it is a rowid lookup.
    const document = uniqueTokens(text).join(' ');
    const found = await sql<{ search_rowid: number | null }>`
      select search_rowid from feedback where id = ${feedbackId}`.execute(db);
    const rowid = found.rows[0]?.search_rowid ?? null;
    if (rowid !== null) {
      await sql`delete from feedback_fts where rowid = ${rowid}`.execute(db);
      await sql`insert into feedback_fts (rowid, feedback_id, content)
        values (${rowid}, ${feedbackId}, ${document})`.execute(db);
      return;
    }
    const inserted = await sql`insert into feedback_fts (feedback_id, content)
      values (${feedbackId}, ${document})`.execute(db);
    const newRowid = Number(inserted.insertId);
    await sql`update feedback set search_rowid = ${newRowid} where id = ${feedbackId}`.execute(db);
  },
  async feedbackTextMatch(db, query, plan) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const frequentFrom = plan?.frequentFrom ?? FREQUENT_TERM_HITS;
    // Each token is a quoted FTS5 string, so no query syntax from the user reaches FTS5.
    const match = tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
    const hits = await countHitsUpTo(
      db,
      sql<{ hits: number }>`select count(*) as hits from
        (select rowid from feedback_fts where feedback_fts match ${match} limit ${frequentFrom}) as h`,
    );
    if (hits === 0) return NO_MATCH;
    if (hits < frequentFrom)
      return sql<SqlBool>`feedback.search_rowid in (select rowid from feedback_fts where feedback_fts match ${match})`;
    // A frequent term: the unary plus keeps the planner off the search_rowid index, so it walks the
    // items in list order and checks each against the hits (collected once), stopping after one page.
    return sql<SqlBool>`+feedback.search_rowid in (select rowid from feedback_fts where feedback_fts match ${match})`;
  },
};

export function postgresHelpers(connectionString: string): DialectHelpers {
  const counter = new PostgresSideCounter(connectionString);
  return {
    ...postgresSearch,
    nextTicketSequence: (_trx, day) => counter.next(day),
    close: () => counter.close(),
  };
}

const postgresSearch = {
  kind: 'postgres' as const,
  async indexFeedbackText(db, feedbackId, text) {
    const document = uniqueTokens(text).join(' ');
    await sql`insert into feedback_search (feedback_id, document)
      values (${feedbackId}, to_tsvector('simple', ${document}))
      on conflict (feedback_id) do update set document = excluded.document`.execute(db);
  },
  async feedbackTextMatch(db, query, plan) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const frequentFrom = plan?.frequentFrom ?? FREQUENT_TERM_HITS;
    const tsquery = sql`plainto_tsquery('simple', ${tokens.join(' ')})`;
    const hits = await countHitsUpTo(
      db,
      sql<{ hits: number }>`select count(*) as hits from
        (select 1 from feedback_search where document @@ ${tsquery} limit ${frequentFrom}) as h`,
    );
    if (hits === 0) return NO_MATCH;
    // Rare terms: start from the few hits (the subquery fence keeps the planner from scanning items in
    // list order and probing each).
    if (hits < frequentFrom)
      return sql<SqlBool>`feedback.id in (select feedback_id from feedback_search where document @@ ${tsquery} offset 0)`;
    // Frequent terms: a scalar subquery is never pulled up into a join, so each item met in list order
    // is probed through the primary key and the scan stops after one page, instead of a hash join over
    // every hit followed by a sort.
    return sql<SqlBool>`(select s.document @@ ${tsquery} from feedback_search as s where s.feedback_id = feedback.id)`;
  },
} satisfies Omit<DialectHelpers, 'nextTicketSequence' | 'close'>;
