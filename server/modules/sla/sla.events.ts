/** Outbox events of the sla module (aggregate: the feedback item; also on the item's history). */
export const SLA_EVENTS = {
  atRisk: 'sla.at_risk',
  breached: 'sla.breached',
  paused: 'sla.paused',
  resumed: 'sla.resumed',
} as const;

/** Jobs of the sla module. */
export const SLA_JOBS = {
  /** Follows item changes (created, triaged, priority/nature, reply, status, merge) into the clocks. */
  sync: 'sla.sync',
  /** Every minute: records at-risk and breached clocks and escalates them. */
  sweep: 'sla.sweep',
  /** After a calendar or policy change: due times of the items still counting, in batches. */
  recompute: 'sla.recompute',
} as const;

/** Item events that can move a clock. */
export const SLA_TRIGGER_EVENTS = [
  'feedback.created',
  'feedback.triaged',
  'feedback.updated',
  'feedback.status_changed',
  'feedback.message_added',
  'feedback.merged',
] as const;
