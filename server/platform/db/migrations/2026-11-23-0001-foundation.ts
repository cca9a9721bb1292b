import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('departments')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('business_areas', t.json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', t.id, (c) => c.references('departments.id'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_login_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', t.id, (c) => c.references('departments.id'))
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', t.json)
    .addColumn('ip', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_created_idx').on('audit_log').column('created_at').execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('tier', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('locale', 'text')
    .addColumn('notes', 'text')
    .addColumn('feedback_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_feedback_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customers_created_idx')
    .on('customers')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('customer_identities')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('customer_id', t.id, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('customer_identities_kind_value_uq', ['kind', 'value'])
    .execute();
  await db.schema
    .createIndex('customer_identities_customer_idx')
    .on('customer_identities')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('source_id', 'text')
    .addColumn('customer_id', t.id, (c) => c.references('customers.id'))
    .addColumn('subject', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('nature', 'text')
    .addColumn('business_area', 'text')
    .addColumn('product', 'text')
    .addColumn('branch', 'text')
    .addColumn('region', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('sentiment_label', 'text')
    .addColumn('sentiment_score', t.real)
    .addColumn('department_id', t.id, (c) => c.references('departments.id'))
    .addColumn('assignee_id', t.id, (c) => c.references('users.id'))
    .addColumn('custom_fields', t.json, (c) => c.notNull().defaultTo('{}'))
    .addColumn('occurred_at', t.timestamp)
    .addColumn('first_response_due_at', t.timestamp)
    .addColumn('resolution_due_at', t.timestamp)
    .addColumn('first_responded_at', t.timestamp)
    .addColumn('resolved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('merged_into_id', t.id, (c) => c.references('feedback.id'))
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Indexes shaped after the inbox queries (keyset on created_at/id; queues by department and SLA due).
  await db.schema.createIndex('feedback_created_idx').on('feedback').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('feedback_status_created_idx')
    .on('feedback')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_department_status_due_idx')
    .on('feedback')
    .columns(['department_id', 'status', 'resolution_due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_assignee_status_idx')
    .on('feedback')
    .columns(['assignee_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('feedback_customer_idx')
    .on('feedback')
    .columns(['customer_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('feedback_source_uq')
    .on('feedback')
    .columns(['source', 'source_id'])
    .unique()
    .where(sql.ref('source_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('parent_path', 'text', (c) => c.references('tags.path'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_tags')
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_tags_pk', ['feedback_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('feedback_tags_tag_idx')
    .on('feedback_tags')
    .columns(['tag', 'feedback_id'])
    .execute();

  await db.schema
    .createTable('feedback_messages')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_user_id', t.id, (c) => c.references('users.id'))
    .addColumn('author_customer_id', t.id, (c) => c.references('customers.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_messages_feedback_idx')
    .on('feedback_messages')
    .columns(['feedback_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('feedback_attachments')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('message_id', t.id, (c) => c.references('feedback_messages.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_attachments_feedback_idx')
    .on('feedback_attachments')
    .column('feedback_id')
    .execute();

  await db.schema
    .createTable('feedback_events')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', t.json)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_events_feedback_idx')
    .on('feedback_events')
    .columns(['feedback_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('feedback_shares')
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('department_id', t.id, (c) => c.notNull().references('departments.id'))
    .addColumn('shared_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_shares_pk', ['feedback_id', 'department_id'])
    .execute();
  await db.schema
    .createIndex('feedback_shares_department_idx')
    .on('feedback_shares')
    .columns(['department_id', 'feedback_id'])
    .execute();

  await db.schema
    .createTable('ticket_counters')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('dispatched_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .columns(['created_at', 'id'])
    .where(sql.ref('dispatched_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_at']).execute();

  // Full-text index over the segmented text (jieba for Chinese): FTS5 on SQLite, tsvector + GIN on Postgres.
  if (t.postgres) {
    await sql`create table feedback_search (
      feedback_id uuid primary key references feedback(id) on delete cascade,
      document tsvector not null
    )`.execute(db);
    await sql`create index feedback_search_document_idx on feedback_search using gin (document)`.execute(db);
  } else {
    await sql`create virtual table feedback_fts using fts5(
      feedback_id unindexed, content, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  if (t.postgres) await sql`drop table if exists feedback_search`.execute(db);
  else await sql`drop table if exists feedback_fts`.execute(db);
  for (const table of [
    'jobs',
    'outbox',
    'idempotency_keys',
    'ticket_counters',
    'feedback_shares',
    'feedback_events',
    'feedback_attachments',
    'feedback_messages',
    'feedback_tags',
    'tags',
    'feedback',
    'customer_identities',
    'customers',
    'audit_log',
    'api_keys',
    'sessions',
    'users',
    'departments',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
