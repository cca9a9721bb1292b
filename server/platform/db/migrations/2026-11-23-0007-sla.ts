import { type Kysely, sql } from 'kysely';
import { chinesePublicCalendarDays } from '../../../modules/sla/calendar/cn-holidays.js';
import { newId } from '../ids.js';
import { columnTypes } from './column-types.js';

const OFFICE = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('sla_calendars')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('week_hours', t.json, (c) => c.notNull())
    .addColumn('makeup_hours', t.json)
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_calendar_days')
    .addColumn('calendar_id', t.id, (c) => c.notNull().references('sla_calendars.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_calendar_days_pk', ['calendar_id', 'date'])
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('calendar_id', t.id, (c) => c.notNull().references('sla_calendars.id'))
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addColumn('progress_update_minutes', 'integer')
    .addColumn('at_risk_percent', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('pausable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('sla_policies_priority_nature_uq', ['priority', 'nature'])
    .execute();

  await db.schema
    .createTable('sla_clocks')
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('policy_id', t.id, (c) => c.notNull())
    .addColumn('calendar_id', t.id, (c) => c.notNull())
    .addColumn('budget_minutes', 'integer', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('consumed_minutes', t.real, (c) => c.notNull().defaultTo(0))
    .addColumn('segment_started_at', t.timestamp)
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('at_risk_at', t.timestamp, (c) => c.notNull())
    .addColumn('paused_at', t.timestamp)
    .addColumn('stopped_at', t.timestamp)
    .addColumn('next_check_at', t.timestamp)
    .addColumn('next_level', 'text')
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_clocks_pk', ['feedback_id', 'target'])
    .execute();
  // The sweep's only read: clocks with something still to record, soonest first. Stopped, paused and
  // fully escalated clocks (the vast majority of 1M items) are not in this index at all.
  await db.schema
    .createIndex('sla_clocks_next_check_idx')
    .on('sla_clocks')
    .columns(['next_check_at', 'feedback_id', 'target'])
    .where(sql.ref('next_check_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('sla_escalations')
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_escalations_pk', ['feedback_id', 'target', 'level'])
    .execute();

  await db.schema
    .createTable('sla_escalation_recipients')
    .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('feedback_id', t.id, (c) => c.references('feedback.id').onDelete('cascade'))
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('data', t.json)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('notifications_user_recent_idx')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_user_unread_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();

  // Defaults: the Chinese business calendar with the official holidays, a 24×7 calendar, and one
  // policy per priority (PRODUCT §3). Admins change all of it through /api/v1/sla/*.
  const at = new Date().toISOString();
  const business = newId();
  const always = newId();
  const week = (day: string[][]) => JSON.stringify([day, day, day, day, day, [], []]);
  await db
    .insertInto('sla_calendars')
    .values([
      {
        id: business,
        code: 'cn-business',
        name_zh: '中国工作日历（工作时间 9:00–12:00、13:00–18:00）',
        name_en: 'China business calendar (09:00–12:00, 13:00–18:00)',
        kind: 'business',
        time_zone: 'Asia/Shanghai',
        week_hours: week(OFFICE),
        makeup_hours: null,
        is_default: 1,
        created_at: at,
        updated_at: at,
      },
      {
        id: always,
        code: '24x7',
        name_zh: '全天候（7×24 小时）',
        name_en: 'Around the clock (24×7)',
        kind: '24x7',
        time_zone: 'Asia/Shanghai',
        week_hours: JSON.stringify(Array.from({ length: 7 }, () => [['00:00', '24:00']])),
        makeup_hours: null,
        is_default: 0,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  const days = chinesePublicCalendarDays().map((d) => ({
    calendar_id: business,
    date: d.date,
    kind: d.kind,
    name: d.name,
    name_en: d.nameEn,
    created_at: at,
  }));
  await db.insertInto('sla_calendar_days').values(days).execute();

  const WORKDAY = 8 * 60;
  const policies = [
    // urgent: 1 h on the clock, day and night; resolution within 24 h.
    {
      priority: 'urgent',
      name: '紧急 / Urgent',
      calendar: always,
      first: 60,
      resolution: 24 * 60,
      progress: 60,
    },
    // high: 4 working hours, progress every hour; resolution within 3 working days.
    {
      priority: 'high',
      name: '高 / High',
      calendar: business,
      first: 240,
      resolution: 3 * WORKDAY,
      progress: 60,
    },
    // normal: "24 h" counted in working hours (3 working days of 8 h); resolution within 5 working days.
    {
      priority: 'normal',
      name: '常规 / Normal',
      calendar: business,
      first: 24 * 60,
      resolution: 5 * WORKDAY,
    },
    // suggestion: feedback within 5 working days; resolution within 20 working days.
    {
      priority: 'suggestion',
      name: '建议 / Suggestion',
      calendar: business,
      first: 5 * WORKDAY,
      resolution: 20 * WORKDAY,
    },
  ];
  await db
    .insertInto('sla_policies')
    .values(
      policies.map((p) => ({
        id: newId(),
        priority: p.priority,
        nature: '*',
        name: p.name,
        calendar_id: p.calendar,
        first_response_minutes: p.first,
        resolution_minutes: p.resolution,
        progress_update_minutes: p.progress ?? null,
        at_risk_percent: 80,
        pausable: p.priority === 'urgent' ? 0 : 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'notifications',
    'sla_escalation_recipients',
    'sla_escalations',
    'sla_clocks',
    'sla_policies',
    'sla_calendar_days',
    'sla_calendars',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
