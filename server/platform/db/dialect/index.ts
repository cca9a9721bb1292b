import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { searchTokens } from '../../../modules/nlp/segment.js';
import type { DbOrTrx } from '../database.js';
import { PostgresSideCounter } from './postgres-side-counter.js';
import { allocateSearchRowid, rowidParam } from './sqlite-search-rowid.js';

export interface TextMatchPlan {
  /** From this many matching documents on, a term counts as frequent (default FREQUENT_TERM_HITS). */
  frequentFrom?: number;
}

export interface TextMatch {
  /** The condition on the feedback row. */
  condition: Expression<SqlBool>;
  /**
   * True when the matches are few and the query should start from them: one query over the hits
   * rather than one per visibility branch, each of which would read every hit again.
   */
  fromHits: boolean;
  /**
   * The same condition limited to items created at or after `from` (null: no limit), when the database
   * can read hits by creation time; a newest-first search then tries recent windows first.
   */
  since?: (from: string | null) => Expression<SqlBool>;
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
  feedbackTextMatch(db: DbOrTrx, query: string, plan?: TextMatchPlan): Promise<TextMatch | null>;
  /**
   * Increments the ticket counter of a business day and returns the new value. Unique under any
   * concurrency; a create that fails after allocating leaves a gap on Postgres.
   */
  nextTicketSequence(trx: DbOrTrx, day: string): Promise<number>;
  /**
   * SQLite only: the FTS5 match expression of a query, for a search that reads the full-text index in
   * list order (its rowids follow (created_at, id)); null when the query has no tokens or the
   * database cannot read matches in list order.
   */
  listOrderedMatch(query: string): string | null;
  /** Releases what the helpers hold (Postgres: the counter connection). */
  close(): Promise<void>;
}

/**
 * Below this many matching documents a search starts from the hits and sorts them; from here on it
 * walks the list in order and checks each item (about page size × items / hits checks). Measured at a
 * million items: 5,000–6,000 hits cost about as much either way; 20,000 hits walked in order cost a
 * twentieth of starting from them.
 */
export const FREQUENT_TERM_HITS = 10_000;

const NO_MATCH: TextMatch = { condition: sql<SqlBool>`1 = 0`, fromHits: true };

type ExplainedPlan = [{ Plan: { 'Plan Rows': number } }];

async function estimateRows(db: DbOrTrx, query: RawBuilder<unknown>): Promise<number> {
  const explained = await sql<{
    'QUERY PLAN': string | ExplainedPlan;
  }>`explain (format json) ${query}`.execute(db);
  // JSON comes back as text from our Postgres type parsers.
  const raw = explained.rows[0]?.['QUERY PLAN'];
  const plan: ExplainedPlan | undefined = typeof raw === 'string' ? (JSON.parse(raw) as ExplainedPlan) : raw;
  return Number(plan?.[0].Plan['Plan Rows'] ?? 0);
}

async function countHitsUpTo(db: DbOrTrx, query: RawBuilder<{ hits: number }>): Promise<number> {
  const counted = await query.execute(db);
  return Number(counted.rows[0]?.hits ?? 0);
}

/** Each token a quoted FTS5 string, so no query syntax from the user reaches FTS5. */
function ftsMatchExpression(tokens: string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
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
    const found = await sql<{ search_rowid: number | null; created_at: string }>`
      select search_rowid, created_at from feedback where id = ${feedbackId}`.execute(db);
    const item = found.rows[0];
    if (!item) return;
    const rowid = item.search_rowid;
    if (rowid !== null) {
      await sql`delete from feedback_fts where rowid = ${rowidParam(rowid)}`.execute(db);
      await sql`insert into feedback_fts (rowid, feedback_id, content)
        values (${rowidParam(rowid)}, ${feedbackId}, ${document})`.execute(db);
      return;
    }
    const newRowid = await allocateSearchRowid(db, { id: feedbackId, createdAt: item.created_at });
    await sql`insert into feedback_fts (rowid, feedback_id, content)
      values (${rowidParam(newRowid)}, ${feedbackId}, ${document})`.execute(db);
    await sql`update feedback set search_rowid = ${rowidParam(newRowid)} where id = ${feedbackId}`.execute(
      db,
    );
  },
  listOrderedMatch(query) {
    const tokens = uniqueTokens(query);
    return tokens.length === 0 ? null : ftsMatchExpression(tokens);
  },
  async feedbackTextMatch(db, query, plan) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const frequentFrom = plan?.frequentFrom ?? FREQUENT_TERM_HITS;
    const match = ftsMatchExpression(tokens);
    const hits = await countHitsUpTo(
      db,
      sql<{ hits: number }>`select count(*) as hits from
        (select rowid from feedback_fts where feedback_fts match ${match} limit ${frequentFrom}) as h`,
    );
    if (hits === 0) return NO_MATCH;
    if (hits < frequentFrom)
      return {
        condition: sql<SqlBool>`feedback.search_rowid in (select rowid from feedback_fts where feedback_fts match ${match})`,
        fromHits: true,
      };
    // A frequent term: the unary plus keeps the planner off the search_rowid index, so it walks the
    // items in list order and checks each against the hits (collected once), stopping after one page.
    return {
      condition: sql<SqlBool>`+feedback.search_rowid in (select rowid from feedback_fts where feedback_fts match ${match})`,
      fromHits: false,
    };
  },
};

export function postgresHelpers(connectionString: string): DialectHelpers {
  const counter = new PostgresSideCounter(connectionString);
  return {
    ...postgresSearch,
    nextTicketSequence: (_trx, day) => counter.next(day),
    listOrderedMatch: () => null,
    close: () => counter.close(),
  };
}

const postgresSearch = {
  kind: 'postgres' as const,
  async indexFeedbackText(db, feedbackId, text) {
    const document = uniqueTokens(text).join(' ');
    await sql`insert into feedback_search (feedback_id, document, created_at)
      select id, to_tsvector('simple', ${document}), created_at from feedback where id = ${feedbackId}
      on conflict (feedback_id) do update set document = excluded.document`.execute(db);
  },
  async feedbackTextMatch(db, query, plan) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const frequentFrom = plan?.frequentFrom ?? FREQUENT_TERM_HITS;
    const tsquery = sql`plainto_tsquery('simple', ${tokens.join(' ')})`;
    // The planner's estimate (from the tsvector statistics): counting the hits would visit the heap
    // for every one of them, which costs as much as the search.
    const hits = await estimateRows(db, sql`select 1 from feedback_search where document @@ ${tsquery}`);
    // Rare terms: start from the few hits (the subquery fence keeps the planner from scanning items in
    // list order and probing each). A newest-first page can look in a recent window first: the time
    // index and the text index are combined, and only the hits inside the window are visited.
    if (hits < frequentFrom) {
      const hitsSince = (from: string | null) =>
        from === null
          ? sql<SqlBool>`feedback.id in (select feedback_id from feedback_search where document @@ ${tsquery} offset 0)`
          : sql<SqlBool>`feedback.id in (select feedback_id from feedback_search
              where document @@ ${tsquery} and created_at >= ${from} offset 0)`;
      return { condition: hitsSince(null), fromHits: true, since: hitsSince };
    }
    // Frequent terms: a scalar subquery is never pulled up into a join, so each item met in list order
    // is probed through the primary key and the scan stops after one page, instead of a hash join over
    // every hit followed by a sort.
    return {
      condition: sql<SqlBool>`(select s.document @@ ${tsquery} from feedback_search as s where s.feedback_id = feedback.id)`,
      fromHits: false,
    };
  },
} satisfies Omit<DialectHelpers, 'nextTicketSequence' | 'close' | 'listOrderedMatch'>;
