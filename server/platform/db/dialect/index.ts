import { type Expression, type SqlBool, sql } from 'kysely';
import { searchTokens } from '../../../modules/nlp/segment.js';
import type { DbOrTrx } from '../database.js';

/** The few things the two databases do differently, behind one interface. */
export interface DialectHelpers {
  kind: 'sqlite' | 'postgres';
  /** Replaces the full-text document of one feedback item (call inside the writing transaction). */
  indexFeedbackText(db: DbOrTrx, feedbackId: string, text: string): Promise<void>;
  /** A condition on `feedback.id` matching every token of the query; null when the query has no tokens. */
  feedbackTextMatch(query: string): Expression<SqlBool> | null;
}

function uniqueTokens(text: string): string[] {
  return [...new Set(searchTokens(text))];
}

export const sqliteHelpers: DialectHelpers = {
  kind: 'sqlite',
  async indexFeedbackText(db, feedbackId, text) {
    await sql`delete from feedback_fts where feedback_id = ${feedbackId}`.execute(db);
    const document = uniqueTokens(text).join(' ');
    await sql`insert into feedback_fts (feedback_id, content) values (${feedbackId}, ${document})`.execute(
      db,
    );
  },
  feedbackTextMatch(query) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    // Each token is a quoted FTS5 string, so no query syntax from the user reaches FTS5.
    const match = tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
    return sql<SqlBool>`feedback.id in (select feedback_id from feedback_fts where feedback_fts match ${match})`;
  },
};

export const postgresHelpers: DialectHelpers = {
  kind: 'postgres',
  async indexFeedbackText(db, feedbackId, text) {
    const document = uniqueTokens(text).join(' ');
    await sql`insert into feedback_search (feedback_id, document)
      values (${feedbackId}, to_tsvector('simple', ${document}))
      on conflict (feedback_id) do update set document = excluded.document`.execute(db);
  },
  feedbackTextMatch(query) {
    const tokens = uniqueTokens(query);
    if (tokens.length === 0) return null;
    const document = tokens.join(' ');
    return sql<SqlBool>`feedback.id in (select feedback_id from feedback_search where document @@ plainto_tsquery('simple', ${document}))`;
  },
};
