import type { SlaState } from '../../../../shared/contracts/sla.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { clockStatus } from '../clock-engine.js';
import { type ClockRow, escalationsOfMany, findClocksOf, policyNames } from '../sla.repository.js';

export type { SlaState };

/**
 * SLA state of many items (three primary-key lookups; items without clocks are absent): at `now`, or
 * with `now` null as of the last sweep (what item representations show, with no clock of their own).
 */
export async function loadSlaStates(
  db: DbOrTrx,
  feedbackIds: string[],
  now: string | null = null,
): Promise<Map<string, SlaState>> {
  const states = new Map<string, SlaState>();
  if (feedbackIds.length === 0) return states;
  const [clocks, escalations] = await Promise.all([
    findClocksOf(db, feedbackIds),
    escalationsOfMany(db, feedbackIds),
  ]);
  const policies = await policyNames(db, [...new Set(clocks.map((c) => c.policy_id))]);
  const escalated = new Map<string, Set<string>>();
  for (const e of escalations) {
    const set = escalated.get(e.feedback_id) ?? new Set<string>();
    set.add(`${e.target}:${e.level}`);
    escalated.set(e.feedback_id, set);
  }
  const byItem = new Map<string, ClockRow[]>();
  for (const c of clocks) byItem.set(c.feedback_id, [...(byItem.get(c.feedback_id) ?? []), c]);
  for (const [id, rows] of byItem) {
    const target = (t: string) => {
      const c = rows.find((r) => r.target === t);
      return c
        ? { dueAt: c.due_at, status: clockStatus(c, now, escalated.get(id)) }
        : { dueAt: null, status: null };
    };
    const policy = policies.get(rows[0]!.policy_id);
    states.set(id, {
      firstResponse: target('first_response'),
      resolution: target('resolution'),
      progressUpdate: rows.some((r) => r.target === 'progress') ? target('progress') : null,
      paused: rows.some((r) => r.paused_at !== null && r.stopped_at === null),
      policy: policy ? { id: policy.id, name: policy.name } : null,
    });
  }
  return states;
}
