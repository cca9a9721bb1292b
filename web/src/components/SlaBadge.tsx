import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaState } from '../../../shared/contracts/sla.js';
import { formatDateTime, formatRelative } from '../format.js';
import { activeClock, SLA_COLOR } from '../sla.js';

/** Re-renders every 30 s so "due in …" counts down. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Green on track, amber at risk, red breached (from the item's `sla` field), with a live countdown. */
export function SlaBadge({
  sla,
  firstRespondedAt,
}: {
  sla: SlaState | null;
  firstRespondedAt: string | null;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const active = activeClock(sla, firstRespondedAt);
  if (!active) return <span className="sla sla-none">{t('sla.none')}</span>;
  const state = t(`sla.${active.status}`);
  const when = active.dueAt ? formatRelative(active.dueAt, now) : '';
  const overdue = active.dueAt ? Date.parse(active.dueAt) < now : false;
  const title = t('sla.badgeTitle', {
    clock: t(`sla.${active.clock}`),
    state,
    due: formatDateTime(active.dueAt),
  });
  return (
    <span
      className={`sla sla-${SLA_COLOR[active.status]}`}
      title={title}
      data-sla={active.status}
      data-testid="sla-badge"
    >
      <span className="dot" aria-hidden="true" />
      {state}
      {when && active.status !== 'met' ? (
        <small> · {overdue ? t('sla.overdue', { when }) : t('sla.dueIn', { when })}</small>
      ) : null}
      {sla?.paused ? <small> · {t('sla.paused')}</small> : null}
    </span>
  );
}
