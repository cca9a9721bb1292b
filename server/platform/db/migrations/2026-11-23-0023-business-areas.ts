import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

const DEFAULTS = [
  { code: 'pre_sales', label_zh: '售前', label_en: 'Pre-sales', sort_order: 10 },
  { code: 'after_sales', label_zh: '售后', label_en: 'After-sales', sort_order: 20 },
  { code: 'tech_support', label_zh: '技术支持', label_en: 'Technical support', sort_order: 30 },
];

/**
 * The business-area catalogue (售前 / 售后 / 技术支持 and configurable others): one row per area code, with
 * both labels, on/off and a sort order. Seeded with the defaults and with every code already in use
 * (departments, items, triage rules), so existing data keeps pointing at known areas.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('business_areas')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  const at = new Date().toISOString();
  const codes = new Set<string>();
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  const departments = await db.selectFrom('departments').select('business_areas').execute();
  for (const d of departments) {
    const areas: unknown = JSON.parse(text(d.business_areas));
    if (Array.isArray(areas)) for (const a of areas) if (typeof a === 'string' && a) codes.add(a);
  }
  const used = await db
    .selectFrom('feedback')
    .select('business_area')
    .distinct()
    .where('business_area', 'is not', null)
    .execute();
  for (const r of used)
    if (typeof r.business_area === 'string' && r.business_area) codes.add(r.business_area);
  const rules = await db.selectFrom('triage_rules').select('actions').execute();
  for (const r of rules) {
    const actions = JSON.parse(text(r.actions)) as { businessArea?: unknown } | null;
    if (typeof actions?.businessArea === 'string' && actions.businessArea) codes.add(actions.businessArea);
  }

  const rows = DEFAULTS.map((d) => ({ ...d, active: 1, created_at: at, updated_at: at }));
  let order = 100;
  for (const code of [...codes].sort()) {
    if (DEFAULTS.some((d) => d.code === code)) continue;
    rows.push({
      code,
      label_zh: code,
      label_en: code,
      sort_order: order,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    order += 10;
  }
  await db.insertInto('business_areas').values(rows).execute();
  await db.schema
    .createIndex('business_areas_order_idx')
    .on('business_areas')
    .columns(['sort_order', 'code'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('business_areas').ifExists().execute();
}
