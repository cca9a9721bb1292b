import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // Admin-editable triage rules, evaluated in `position` order before the built-in logic.
  await db.schema
    .createTable('triage_rules')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('conditions', t.json, (c) => c.notNull())
    .addColumn('actions', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('triage_rules_position_idx').on('triage_rules').column('position').execute();

  // The last triage outcome of an item (one row per item): analysis, evidence, reasons, routing.
  await db.schema
    .createTable('feedback_triage')
    .addColumn('feedback_id', t.id, (c) => c.primaryKey().references('feedback.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('normalized_text', 'text', (c) => c.notNull())
    .addColumn('tokens', t.json, (c) => c.notNull())
    .addColumn('keywords', t.json, (c) => c.notNull())
    .addColumn('sentiment_label', 'text', (c) => c.notNull())
    .addColumn('sentiment_score', t.real, (c) => c.notNull())
    .addColumn('nature', 'text')
    .addColumn('nature_evidence', t.json, (c) => c.notNull())
    .addColumn('business_area', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_reasons', t.json, (c) => c.notNull())
    .addColumn('rule_ids', t.json, (c) => c.notNull())
    .addColumn('amounts', t.json, (c) => c.notNull())
    .addColumn('routing', t.json, (c) => c.notNull())
    .addColumn('needs_routing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('triaged_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_triage_queue_idx')
    .on('feedback_triage')
    .columns(['needs_routing', 'triaged_at'])
    .execute();

  // Agent skills (business area codes, languages …) for auto-assignment.
  await db.schema
    .createTable('user_skills')
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_skills_pk', ['user_id', 'skill'])
    .execute();
  await db.schema.createIndex('user_skills_skill_idx').on('user_skills').column('skill').execute();

  // Triage settings: scope 'global' or a department id.
  await db.schema
    .createTable('triage_settings')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('auto_assign', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Agents' overrides of automatic labels, the training input for the next `npm run train`.
  await db.schema
    .createTable('nlp_corrections')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('feedback_id', t.id, (c) => c.references('feedback.id').onDelete('set null'))
    .addColumn('source_event_id', 'text', (c) => c.unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('old_label', 'text')
    .addColumn('new_label', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('nlp_corrections_task_idx')
    .on('nlp_corrections')
    .columns(['task', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'nlp_corrections',
    'triage_settings',
    'user_skills',
    'feedback_triage',
    'triage_rules',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
