import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../server/platform/db/database.js';

async function storedDocument(database: DatabaseHandle, id: string): Promise<string | null> {
  const query =
    database.kind === 'sqlite'
      ? sql<{ doc: string }>`select content as doc from feedback_fts where feedback_id = ${id}`
      : sql<{ doc: string }>`select document::text as doc from feedback_search where feedback_id = ${id}`;
  const r = await query.execute(database.db);
  return r.rows[0]?.doc ?? null;
}

/**
 * Re-indexes a few seeded items with the product's own dialect.indexFeedbackText (the same text
 * createFeedback indexes: subject and description) and checks the stored document did not change.
 * Also reports how long that call takes at this table size.
 */
export async function checkIndexFormat(url: string, samples: number): Promise<string> {
  const database = openDatabase(url);
  try {
    const rows = await database.db
      .selectFrom('feedback')
      .select(['id', 'subject', 'description'])
      .orderBy(sql`random()`)
      .limit(samples)
      .execute();
    let same = 0;
    const ms: number[] = [];
    for (const row of rows) {
      const before = await storedDocument(database, row.id);
      const started = performance.now();
      await database.db
        .transaction()
        .execute((trx) =>
          database.dialect.indexFeedbackText(
            trx,
            row.id,
            [row.subject, row.description].filter(Boolean).join('\n'),
          ),
        );
      ms.push(performance.now() - started);
      if (before !== null && before === (await storedDocument(database, row.id))) same++;
    }
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)] ?? Number.NaN;
    return `${same}/${rows.length} re-indexed documents identical to the seeded ones; one indexFeedbackText call took ${median.toFixed(1)} ms (median) at this size`;
  } finally {
    await database.close();
  }
}
