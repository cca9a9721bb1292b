import { sql } from 'kysely';
import type { Overview } from '../../../../shared/contracts/analytics.js';
import { CHANNELS, NATURES, PRIORITIES } from '../../../../shared/enums.js';
import { OPEN_STATUSES } from '../../../../shared/feedback/status-machine.js';
import { addDays, dateKey, localDateOf, zonedInstant } from '../../../../shared/time/zoned.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { type VisibilityScope, visibleTo } from '../../feedback/index.js';

export interface OverviewInput {
  scope: VisibilityScope;
  timeZone: string;
  days: number;
  now: Date;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The console's home figures for what the actor may see: today's volume by channel, open items by
 * priority and status, SLA at risk / breached now, and the daily volume by nature.
 */
export async function loadOverview(db: DbOrTrx, input: OverviewInput): Promise<Overview> {
  const { scope, timeZone, days, now } = input;
  const nowIso = now.toISOString();
  const today = localDateOf(timeZone, now.getTime());
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  const bounds = [...dates, addDays(today, 1)].map((d) =>
    new Date(zonedInstant(timeZone, d, 0)).toISOString(),
  );
  const todayFrom = bounds[days - 1] as string;
  const firstDay = bounds[0] as string;
  const visible = db.selectFrom('feedback').where((eb) => visibleTo(eb, scope));

  const [byChannelRows, openRows, slaRow, dailyRows] = await Promise.all([
    visible
      .where('feedback.created_at', '>=', todayFrom)
      .select(['feedback.channel as key', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('feedback.channel')
      .execute(),
    visible
      .where('feedback.status', 'in', OPEN_STATUSES)
      .select([
        'feedback.priority as priority',
        'feedback.status as status',
        (eb) => eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`sum(case when ${sql.ref('feedback.assignee_id')} is null then 1 else 0 end)`.as(
          'unassigned',
        ),
      ])
      .groupBy(['feedback.priority', 'feedback.status'])
      .execute(),
    db
      .selectFrom(
        visible
          .innerJoin('sla_clocks as c', 'c.feedback_id', 'feedback.id')
          .where('feedback.status', 'in', OPEN_STATUSES)
          .where('c.stopped_at', 'is', null)
          .where('c.target', 'in', ['first_response', 'resolution'])
          .select([
            'feedback.id as id',
            sql<number>`max(case when (c.paused_at is null and c.due_at <= ${nowIso})
              or (c.paused_at is not null and c.consumed_minutes >= c.budget_minutes) then 1 else 0 end)`.as(
              'breached',
            ),
            sql<number>`max(case when (c.paused_at is null and c.at_risk_at <= ${nowIso})
              or (c.paused_at is not null and c.paused_at >= c.at_risk_at) then 1 else 0 end)`.as('at_risk'),
          ])
          .groupBy('feedback.id')
          .as('per_item'),
      )
      .select([
        sql<number | string | null>`sum(per_item.breached)`.as('breached'),
        sql<number | string | null>`sum(case when per_item.breached = 0 then per_item.at_risk else 0 end)`.as(
          'at_risk',
        ),
      ])
      .executeTakeFirst(),
    visible
      .where('feedback.created_at', '>=', firstDay)
      .where('feedback.created_at', '<', bounds[days] as string)
      .select((eb) => [
        'feedback.nature as nature',
        ...dates.map((_, i) =>
          sql<number | string>`sum(case when ${eb.ref('feedback.created_at')} >= ${bounds[i]} and ${eb.ref(
            'feedback.created_at',
          )} < ${bounds[i + 1]} then 1 else 0 end)`.as(`d${i}`),
        ),
      ])
      .groupBy('feedback.nature')
      .execute(),
  ]);

  const byChannel = zeroes(CHANNELS);
  for (const row of byChannelRows) byChannel[row.key] = Number(row.n);

  const byPriority = zeroes(PRIORITIES);
  const byStatus = { received: 0, in_progress: 0, reopened: 0 };
  let unassigned = 0;
  for (const row of openRows) {
    const n = Number(row.n);
    byPriority[row.priority] += n;
    if (row.status === 'received' || row.status === 'in_progress' || row.status === 'reopened') {
      byStatus[row.status] += n;
    }
    unassigned += Number(row.unassigned);
  }

  const daily = dates.map((date) => ({
    date: dateKey(date),
    total: 0,
    byNature: zeroes([...NATURES, 'unclassified'] as const),
  }));
  for (const row of dailyRows as Array<Record<string, unknown> & { nature: string | null }>) {
    const nature = (NATURES as readonly string[]).includes(row.nature ?? '')
      ? (row.nature as (typeof NATURES)[number])
      : 'unclassified';
    daily.forEach((day, i) => {
      const n = Number(row[`d${i}`] ?? 0);
      day.byNature[nature] += n;
      day.total += n;
    });
  }

  return {
    generatedAt: nowIso,
    timeZone,
    today: { from: todayFrom, total: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel },
    open: {
      total: Object.values(byPriority).reduce((a, b) => a + b, 0),
      unassigned,
      byPriority,
      byStatus,
    },
    sla: { atRisk: Number(slaRow?.at_risk ?? 0), breached: Number(slaRow?.breached ?? 0) },
    daily,
  };
}
