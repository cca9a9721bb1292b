import { type Expression, type SqlBool, sql } from 'kysely';
import { searchTokens } from '../../../modules/nlp/segment.js';
import type { DbOrTrx } from '../database.js';

/** The few things the two databases do differently, behind one interface. */
export interface DialectHelpers {
  kind: 'sqlite' | 'postgres';
  /** Replaces the full-text document of one feedback item (call inside the writing transaction). */
  indexFeedbackText(db: DbOrTrx, feedbackId: string, text: string): Promise<void>;
  /**
   * A condition on the feedback row matching every token of the query; null when the query has no
   * tokens. Async because the Postgres plan depends on how many documents match.
   */
  feedbackTextMatch(db: DbOrTrx, query: string): Promise<Expression<SqlBool> | null>;
}

function uniqueTokens(text: string): string[] {
  return [...new Set(searchTokens(text))];
}

export const sqliteHelpers: DialectHelpers = {
  kind: 'sqlite',
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
  async feedbackTextMatch(_db, query) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    // Each token is a quoted FTS5 string, so no query syntax from the user reaches FTS5.
    const match = tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
    return sql<SqlBool>`feedback.search_rowid in (select rowid from feedback_fts where feedback_fts match ${match})`;
  },
};

/** Below this many matching documents, Postgres plans a search from the hits. */
const RARE_TERM_HITS = 5000;

export const postgresHelpers: DialectHelpers = {
  kind: 'postgres',
  async indexFeedbackText(db, feedbackId, text) {
    const document = uniqueTokens(text).join(' ');
    await sql`insert into feedback_search (feedback_id, document)
      values (${feedbackId}, to_tsvector('simple', ${document}))
      on conflict (feedback_id) do update set document = excluded.document`.execute(db);
  },
  async feedbackTextMatch(db, query) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const tsquery = sql`plainto_tsquery('simple', ${tokens.join(' ')})`;
    // Rare terms: start from the few hits (the subquery fence keeps the planner from scanning items in
    // list order and probing each); frequent terms: the list-order scan stops after one page sooner.
    const counted = await sql<{ hits: number }>`select count(*) as hits from
      (select 1 from feedback_search where document @@ ${tsquery} limit ${RARE_TERM_HITS}) as h`.execute(db);
    const hits = Number(counted.rows[0]?.hits ?? 0);
    if (hits === 0) return sql<SqlBool>`1 = 0`;
    if (hits < RARE_TERM_HITS)
      return sql<SqlBool>`feedback.id in (select feedback_id from feedback_search where document @@ ${tsquery} offset 0)`;
    return sql<SqlBool>`feedback.id in (select feedback_id from feedback_search where document @@ ${tsquery})`;
  },
};
