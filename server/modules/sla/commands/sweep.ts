import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { Db, Trx } from '../../../platform/db/database.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { type FeedbackRow, recordSlaEvent } from '../../feedback/index.js';
import { findActiveAgentIds, findActiveUserIds, findSupervisorIds } from '../../identity/index.js';
import { notifyUsers } from '../../notifications/index.js';
import { buildClock, escalationKey, stateOf } from '../clock-engine.js';
import {
  claimEscalation,
  clearNextCheck,
  dueClocks,
  escalationsOf,
  listRecipients,
  saveClock,
} from '../sla.repository.js';
import type { SlaLevel, SlaTarget } from '../sla.table.js';
import { CalendarCache, syncItemClocks } from './sync-item.js';

const TARGET_LABEL: Record<SlaTarget, { zh: string; en: string }> = {
  first_response: { zh: '首次响应', en: 'first response' },
  resolution: { zh: '解决', en: 'resolution' },
  progress: { zh: '进展更新', en: 'progress update' },
};
const LEVEL_LABEL: Record<SlaLevel, { zh: string; en: string }> = {
  at_risk: { zh: '即将超时', en: 'at risk' },
  breached: { zh: '已超时', en: 'breached' },
};

export interface SweepOptions {
  /** Clocks read per query of the due index. */
  batchSize?: number;
  /** Upper bound of batches per run; the next run (a minute later) continues. */
  maxBatches?: number;
  /** Clocks escalated in one transaction. */
  perTransaction?: number;
  logger?: Logger;
}

/**
 * Escalates one clock whose check time has come, exactly once per (item, target, level): the item row
 * is locked first, the clock is brought up to date with the item (a reply or resolution that the
 * event subscriber has not followed yet stops it instead), and the escalation row is claimed with an
 * insert-or-ignore; only the transaction that inserted it writes history, outbox and notifications.
 * Returns how many escalations it recorded.
 */
export async function escalateClock(
  trx: Trx,
  feedbackId: string,
  target: SlaTarget,
  now: string,
  calendars: CalendarCache,
): Promise<number> {
  const base = { trx, actor: SYSTEM_ACTOR, at: now };
  const synced = await syncItemClocks({ ...base, feedbackId, reason: 'sla.sweep', calendars });
  if (!synced) {
    await clearNextCheck(trx, feedbackId);
    return 0;
  }
  const { policy, item } = synced;
  const { spec } = await calendars.get(trx, policy.calendar_id);
  let clock = synced.clocks.find((c) => c.target === target);
  if (!clock) return 0;
  const escalated = await escalationsOf(trx, feedbackId);
  let recorded = 0;
  while (clock.next_check_at !== null && clock.next_check_at <= now && clock.next_level) {
    // Both thresholds passed (e.g. after downtime): the breach is what matters; at-risk is not sent late.
    const level: SlaLevel =
      clock.next_level === 'at_risk' && clock.due_at <= now ? 'breached' : clock.next_level;
    const key = escalationKey(clock);
    const reminder = { item, clock, policyId: policy.id, now, timeZone: spec.timeZone };
    if (target === 'progress' && level === 'breached' && !escalated.has(`${key}:at_risk`)) {
      // The reminder's moment went by unswept (downtime): the handler still gets the cycle's one reminder.
      if (await claimEscalation(trx, feedbackId, key, 'at_risk', now)) {
        recorded++;
        await remindHandler(trx, reminder);
      }
      escalated.add(`${key}:at_risk`);
    }
    if (await claimEscalation(trx, feedbackId, key, level, now)) {
      recorded++;
      if (target === 'progress' && level === 'at_risk') await remindHandler(trx, reminder);
      else await escalate(trx, { item, target, level, clock, policyId: policy.id, now });
    }
    escalated.add(`${key}:${level}`);
    const next = buildClock({ feedbackId, target, policy, spec, state: stateOf(clock), escalated, now });
    await saveClock(trx, next);
    clock = next;
  }
  return recorded;
}

/** `HH:MM` of an instant in the calendar's time zone. */
function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/**
 * The progress reminder of one cycle: an in-app notification to whoever handles the item — its assignee
 * when active, otherwise the active agents of its department (nobody for an unrouted, unassigned item:
 * the overdue cycle still escalates to the supervisors). History `sla.progress_reminder` and the same
 * outbox event name who was reminded; the caller has claimed the cycle's `at_risk` row, so it happens once.
 */
async function remindHandler(
  trx: Trx,
  r: { item: FeedbackRow; clock: { due_at: string }; policyId: string; now: string; timeZone: string },
): Promise<void> {
  const { item } = r;
  const assignee = item.assignee_id ? await findActiveUserIds(trx, [item.assignee_id]) : [];
  const recipients =
    assignee.length > 0
      ? assignee
      : item.department_id
        ? await findActiveAgentIds(trx, item.department_id)
        : [];
  const data = {
    target: 'progress',
    dueAt: r.clock.due_at,
    priority: item.priority,
    policyId: r.policyId,
    notified: recipients,
  };
  await recordSlaEvent({
    trx,
    actor: SYSTEM_ACTOR,
    at: r.now,
    feedbackId: item.id,
    type: 'sla.progress_reminder',
    to: 'progress',
    data,
  });
  const by = localTime(r.clock.due_at, r.timeZone);
  await notifyUsers(
    trx,
    recipients,
    {
      kind: 'sla.progress_reminder',
      feedbackId: item.id,
      titleZh: `工单 ${item.number}：请在 ${by} 前向客户发送进展更新`,
      titleEn: `Ticket ${item.number}: send the customer a progress update by ${by}`,
      data: { number: item.number, dueAt: r.clock.due_at, priority: item.priority },
    },
    r.now,
  );
}

async function escalate(
  trx: Trx,
  e: {
    item: FeedbackRow;
    target: SlaTarget;
    level: SlaLevel;
    clock: { due_at: string; at_risk_at: string };
    policyId: string;
    now: string;
  },
): Promise<void> {
  const { item } = e;
  const supervisors = await findSupervisorIds(trx, item.department_id);
  const management =
    item.priority === 'urgent'
      ? await findActiveUserIds(
          trx,
          (await listRecipients(trx)).map((r) => r.user_id),
        )
      : [];
  const recipients = [...new Set([...supervisors, ...management])];
  const data = {
    target: e.target,
    level: e.level,
    dueAt: e.clock.due_at,
    atRiskAt: e.clock.at_risk_at,
    priority: item.priority,
    policyId: e.policyId,
    notified: recipients,
  };
  await recordSlaEvent({
    trx,
    actor: SYSTEM_ACTOR,
    at: e.now,
    feedbackId: item.id,
    type: e.level === 'at_risk' ? 'sla.at_risk' : 'sla.breached',
    to: e.target,
    data,
  });
  const t = TARGET_LABEL[e.target];
  const l = LEVEL_LABEL[e.level];
  await notifyUsers(
    trx,
    recipients,
    {
      kind: `sla.${e.level}`,
      feedbackId: item.id,
      titleZh: `工单 ${item.number}：${t.zh}${l.zh}`,
      titleEn: `Ticket ${item.number}: ${t.en} ${l.en}`,
      data: {
        number: item.number,
        target: e.target,
        level: e.level,
        dueAt: e.clock.due_at,
        priority: item.priority,
      },
    },
    e.now,
  );
}

/**
 * One sweep: every clock whose check time has passed, in bounded batches off the partial
 * `next_check_at` index, several clocks per transaction (in item id order, so concurrent sweepers take
 * the item locks in the same order) to share one durable commit; a transaction that fails is retried
 * clock by clock so one bad item cannot hold the others back. Safe to run concurrently and repeatedly
 * (see escalateClock).
 */
export async function sweepSla(
  db: Db,
  now: string,
  options: SweepOptions = {},
): Promise<{ checked: number; escalated: number }> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const perTransaction = Math.max(1, options.perTransaction ?? 20);
  const calendars = new CalendarCache();
  const failed = new Set<string>();
  const key = (r: { feedback_id: string; target: string }) => `${r.feedback_id}:${r.target}`;
  let checked = 0;
  let escalated = 0;
  const runOne = async (row: { feedback_id: string; target: SlaTarget }) => {
    try {
      escalated += await db
        .transaction()
        .execute((trx) => escalateClock(trx, row.feedback_id, row.target, now, calendars));
    } catch (err) {
      failed.add(key(row));
      options.logger?.error({ err, feedbackId: row.feedback_id, target: row.target }, 'sla sweep failed');
    }
  };
  for (let b = 0; b < maxBatches; b++) {
    const rows = (await dueClocks(db, now, batchSize + failed.size)).filter((r) => !failed.has(key(r)));
    checked += rows.length;
    for (let i = 0; i < rows.length; i += perTransaction) {
      const chunk = rows
        .slice(i, i + perTransaction)
        .sort((a, b) => (a.feedback_id < b.feedback_id ? -1 : a.feedback_id > b.feedback_id ? 1 : 0));
      if (chunk.length === 1) {
        await runOne(chunk[0]!);
        continue;
      }
      try {
        escalated += await db.transaction().execute(async (trx) => {
          let n = 0;
          for (const row of chunk) n += await escalateClock(trx, row.feedback_id, row.target, now, calendars);
          return n;
        });
      } catch {
        for (const row of chunk) await runOne(row);
      }
    }
    if (rows.length < batchSize) break;
  }
  return { checked, escalated };
}
