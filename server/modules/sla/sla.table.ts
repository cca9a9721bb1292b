import type { Nature, Priority } from '../../../shared/enums.js';

/** `progress`: time since the last public reply, for policies that expect regular progress updates. */
export type SlaTarget = 'first_response' | 'resolution' | 'progress';
export type SlaLevel = 'at_risk' | 'breached';

export interface SlaCalendarTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  kind: '24x7' | 'business';
  /** IANA zone, e.g. Asia/Shanghai. */
  time_zone: string;
  /** JSON: seven arrays (Monday … Sunday) of ["HH:MM", "HH:MM"] working intervals. */
  week_hours: string;
  /** JSON: the intervals of a make-up working day (调休); Monday's when null. */
  makeup_hours: string | null;
  is_default: number;
  created_at: string;
  updated_at: string;
}

/** Dated exceptions of a calendar: public holidays and make-up working days. */
export interface SlaCalendarDayTable {
  calendar_id: string;
  /** Local date YYYY-MM-DD. */
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  name_en: string | null;
  created_at: string;
}

export interface SlaPolicyTable {
  id: string;
  priority: Priority;
  /** A nature code, or '*' for any nature (the fallback of the priority). */
  nature: Nature | '*';
  name: string;
  calendar_id: string;
  first_response_minutes: number;
  resolution_minutes: number;
  /** Expected interval between progress updates (informational for now), null when none. */
  progress_update_minutes: number | null;
  /** Share of the target used (percent) at which the item is at risk. */
  at_risk_percent: number;
  /** 1 when the clocks may be paused while the item waits on the customer. */
  pausable: number;
  created_at: string;
  updated_at: string;
}

/** One running (or stopped) SLA clock of an item; the sweep reads only `next_check_at`. */
export interface SlaClockTable {
  feedback_id: string;
  target: SlaTarget;
  policy_id: string;
  calendar_id: string;
  budget_minutes: number;
  started_at: string;
  /** Working minutes used before the current running segment (pauses split the clock into segments). */
  consumed_minutes: number;
  /** Start of the current running segment; null while paused or stopped. */
  segment_started_at: string | null;
  due_at: string;
  at_risk_at: string;
  paused_at: string | null;
  stopped_at: string | null;
  /** When the sweep must next look at this clock, and what it would record then. */
  next_check_at: string | null;
  next_level: SlaLevel | null;
  updated_at: string;
}

/** Escalations done: the primary key makes each (item, target, level) happen once. */
export interface SlaEscalationTable {
  feedback_id: string;
  /** The target; for `progress` also the cycle (`progress@<start of the cycle>`), one escalation per cycle. */
  target: string;
  level: SlaLevel;
  created_at: string;
}

/** Who is told about urgent items besides the department's supervisors (management, legal, PR). */
export interface SlaEscalationRecipientTable {
  user_id: string;
  list: 'management' | 'legal' | 'pr';
  created_at: string;
}
