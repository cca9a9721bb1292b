import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { MIGRATIONS } from '../../platform/db/migrations/index.js';

describe('migration 0023 (business-area catalogue)', () => {
  it('seeds the defaults and every area code already used by departments and triage rules', async () => {
    const database = await createTestDatabase();
    const handle = database.open();
    try {
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      expect((await migrator.migrateTo('2026-11-23-0022-handling')).error).toBeUndefined();
      const at = '2026-11-23T00:00:00.000Z';
      await handle.db
        .insertInto('departments')
        .values({
          id: '018f0000-0000-7000-8000-0000000000d1',
          code: 'legacy',
          name_zh: '旧部门',
          name_en: 'Legacy',
          business_areas: JSON.stringify(['after_sales', 'legacy_desk']),
          created_at: at,
          updated_at: at,
        })
        .execute();
      await handle.db
        .insertInto('triage_rules')
        .values({
          id: '018f0000-0000-7000-8000-0000000000e1',
          position: 10,
          name: 'old rule',
          description: null,
          enabled: 1,
          conditions: JSON.stringify({ keywordsAny: ['卡'] }),
          actions: JSON.stringify({ businessArea: 'cards' }),
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
      expect((await migrator.migrateTo('2026-11-23-0023-business-areas')).error).toBeUndefined();
      const rows = await handle.db
        .selectFrom('business_areas')
        .select(['code', 'label_zh', 'label_en', 'active', 'sort_order'])
        .orderBy('sort_order')
        .execute();
      expect(rows.map((r) => ({ ...r, active: Number(r.active), sort_order: Number(r.sort_order) }))).toEqual(
        [
          { code: 'pre_sales', label_zh: '售前', label_en: 'Pre-sales', active: 1, sort_order: 10 },
          { code: 'after_sales', label_zh: '售后', label_en: 'After-sales', active: 1, sort_order: 20 },
          {
            code: 'tech_support',
            label_zh: '技术支持',
            label_en: 'Technical support',
            active: 1,
            sort_order: 30,
          },
          { code: 'cards', label_zh: 'cards', label_en: 'cards', active: 1, sort_order: 100 },
          {
            code: 'legacy_desk',
            label_zh: 'legacy_desk',
            label_en: 'legacy_desk',
            active: 1,
            sort_order: 110,
          },
        ],
      );
      expect((await migrator.migrateDown()).error).toBeUndefined();
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
