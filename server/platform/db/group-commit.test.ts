import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from './database.js';
import { GroupCommitter } from './group-commit.js';

describe('group commit', () => {
  let database: TestDatabase;
  let writer: DatabaseHandle;
  let observer: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
    writer = database.open();
    observer = database.open();
    await sql`create table gc_probe (label text primary key)`.execute(writer.db);
  });

  afterAll(async () => {
    await writer?.close();
    await observer?.close();
    await database?.drop();
  });

  async function committedLabels(): Promise<string[]> {
    const r = await sql<{ label: string }>`select label from gc_probe order by label`.execute(observer.db);
    return r.rows.map((row) => row.label);
  }

  it('commits concurrent units together, rolls back only the one that failed, resolves after the commit', async () => {
    const committer = new GroupCommitter(writer.db);
    const labels = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const seenAtResolve = new Map<string, boolean>();
    const outcomes = await Promise.allSettled(
      labels.map((label) =>
        committer
          .run(async (trx) => {
            await sql`insert into gc_probe (label) values (${label})`.execute(trx);
            if (label === 'u13') throw new Error('unit u13 fails after writing');
            return label;
          })
          .then(async (value) => {
            // Another connection sees the row as soon as the unit is acknowledged.
            seenAtResolve.set(label, (await committedLabels()).includes(label));
            return value;
          }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(await committedLabels()).toEqual(labels.filter((l) => l !== 'u13'));
    expect([...seenAtResolve.values()].every(Boolean)).toBe(true);
    expect(committer.stats.units).toBe(39);
    expect(committer.stats.commits).toBeLessThan(39);
  });

  it('rejects every unit of a batch whose commit fails, and none of them is written', async () => {
    const committer = new GroupCommitter(writer.db);
    await sql`create table gc_deferred (label text primary key, parent text references gc_probe (label) deferrable initially deferred)`.execute(
      writer.db,
    );
    // A deferred foreign key is checked at commit: the unit itself succeeds, the commit fails.
    const outcomes = await Promise.allSettled([
      committer.run((trx) => sql`insert into gc_probe (label) values ('batch-ok')`.execute(trx)),
      committer.run((trx) =>
        sql`insert into gc_deferred (label, parent) values ('orphan', 'no-such-parent')`.execute(trx),
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await committedLabels()).not.toContain('batch-ok');
    // The committer recovers: the next unit commits on its own.
    await committer.run((trx) => sql`insert into gc_probe (label) values ('after')`.execute(trx));
    expect(await committedLabels()).toContain('after');
  });
});
