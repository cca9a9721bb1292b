import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { dueClocksQuery } from './sla.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sweep query plan', () => {
  it('reads due clocks off the partial next_check index, not the whole table', async () => {
    const db = t.ctx.database.db;
    const compiled = dueClocksQuery(db, new Date().toISOString(), 200).compile();
    let plan: string;
    if (t.ctx.database.kind === 'sqlite') {
      const res = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      plan = res.rows.map((r) => r.detail).join('\n');
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } else {
      plan = await db.transaction().execute(async (trx) => {
        // On an empty table every plan is cheap; rule out the scans that ignore order to see which index fits.
        await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
        await trx.executeQuery(CompiledQuery.raw('set local enable_bitmapscan = off'));
        const res = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        return res.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).not.toMatch(/Sort/);
    }
    expect(plan).toMatch(/sla_clocks_next_check_idx/);
  });
});
