import type { SlaState } from '../../shared/contracts/sla.js';

export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'met';
export type SlaColor = 'green' | 'amber' | 'red' | 'grey';

export interface ActiveClock {
  clock: 'firstResponse' | 'resolution';
  status: SlaStatus;
  dueAt: string | null;
}

/**
 * The clock that matters now: the first response until it is answered (met, or answered late: then its
 * breach is history), then the resolution.
 */
export function activeClock(
  sla: SlaState | null,
  firstRespondedAt: string | null = null,
): ActiveClock | null {
  if (!sla) return null;
  const fr = sla.firstResponse;
  const res = sla.resolution;
  if (fr.status && fr.status !== 'met' && !firstRespondedAt) {
    return { clock: 'firstResponse', status: fr.status, dueAt: fr.dueAt };
  }
  if (res.status) return { clock: 'resolution', status: res.status, dueAt: res.dueAt };
  if (fr.status) return { clock: 'firstResponse', status: fr.status, dueAt: fr.dueAt };
  return null;
}

/** Green on track, amber at risk, red breached; a met clock is grey. */
export const SLA_COLOR: Record<SlaStatus, SlaColor> = {
  on_track: 'green',
  at_risk: 'amber',
  breached: 'red',
  met: 'grey',
};
