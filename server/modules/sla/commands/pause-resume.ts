import { AppError } from '../../../platform/http/errors.js';
import { type CommandBase, recordSlaEvent } from '../../feedback/index.js';
import { pauseState, resumeState } from '../clock-engine.js';
import { SLA_EVENTS } from '../sla.events.js';
import { type ClockRow, findClocks } from '../sla.repository.js';
import { syncItemClocks } from './sync-item.js';

function summary(clocks: ClockRow[]) {
  return clocks.map((c) => ({
    target: c.target,
    dueAt: c.due_at,
    consumedMinutes: Math.round(c.consumed_minutes),
  }));
}

/**
 * Pauses an item's running SLA clocks while it waits on the customer (only when its policy allows it):
 * the working time used so far is kept and the clocks stop counting until resumed.
 */
export async function pauseSla(
  base: CommandBase & { feedbackId: string; reason: string | null },
): Promise<void> {
  const pausedTargets = new Set<string>();
  const result = await syncItemClocks({
    ...base,
    reason: 'sla.paused',
    transform: (spec, state, target) => {
      const next = pauseState(spec, state, base.at);
      if (next !== state) pausedTargets.add(target);
      return next;
    },
  });
  if (!result) throw new AppError('sla_no_policy', { status: 409 });
  if (!result.policy.pausable) throw new AppError('sla_not_pausable', { status: 409 });
  const paused = result.clocks.filter((c) => pausedTargets.has(c.target));
  if (paused.length === 0) throw new AppError('sla_not_running', { status: 409 });
  await recordSlaEvent({
    ...base,
    feedbackId: base.feedbackId,
    type: SLA_EVENTS.paused,
    reason: base.reason,
    data: { targets: summary(paused) },
  });
}

/** Resumes paused clocks: due times move by the paused working time (set again on the item). */
export async function resumeSla(
  base: CommandBase & { feedbackId: string; reason: string | null; requirePaused?: boolean },
): Promise<boolean> {
  const before = await findClocks(base.trx, base.feedbackId);
  if (!before.some((c) => c.paused_at && !c.stopped_at)) {
    if (base.requirePaused === false) return false;
    throw new AppError('sla_not_paused', { status: 409 });
  }
  const resumedTargets = new Set<string>();
  const result = await syncItemClocks({
    ...base,
    reason: 'sla.resumed',
    transform: (_spec, state, target) => {
      const next = resumeState(state, base.at);
      if (next !== state) resumedTargets.add(target);
      return next;
    },
  });
  if (!result) throw new AppError('sla_no_policy', { status: 409 });
  const resumed = result.clocks.filter((c) => resumedTargets.has(c.target));
  await recordSlaEvent({
    ...base,
    feedbackId: base.feedbackId,
    type: SLA_EVENTS.resumed,
    reason: base.reason,
    data: { targets: summary(resumed) },
  });
  return true;
}
