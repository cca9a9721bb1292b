import {
  addBusinessMs,
  businessMsBetween,
  type CalendarSpec,
  type WorkInterval,
} from './calendar/business-calendar.js';
import type { CalendarDayRow, CalendarRow, ClockRow, PolicyRow } from './sla.repository.js';
import type { SlaLevel, SlaTarget } from './sla.table.js';

export const SLA_TARGETS: readonly SlaTarget[] = ['first_response', 'resolution'];
const MINUTE = 60_000;

type Pair = [string, string];

function toIntervals(pairs: Pair[]): WorkInterval[] {
  return pairs.map(([a, b]) => {
    const [ah, am] = a.split(':').map(Number) as [number, number];
    const [bh, bm] = b.split(':').map(Number) as [number, number];
    return { start: ah * 60 + am, end: bh * 60 + bm };
  });
}

/** A calendar row and its dated exceptions → the pure calendar the math runs on. */
export function calendarSpec(row: CalendarRow, days: CalendarDayRow[]): CalendarSpec {
  const week = (JSON.parse(row.week_hours) as Pair[][]).map(toIntervals);
  return {
    kind: row.kind,
    timeZone: row.time_zone,
    week,
    makeupHours: row.makeup_hours ? toIntervals(JSON.parse(row.makeup_hours) as Pair[]) : null,
    days: new Map(days.map((d) => [d.date, { kind: d.kind }])),
  };
}

/** The facts of an item an SLA clock follows. */
export interface ItemFacts {
  status: string;
  created_at: string;
  updated_at: string;
  first_responded_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

const TERMINAL = new Set(['resolved', 'closed', 'merged']);

/**
 * When a target's clock stops, from the item alone: first response at the first public agent reply
 * (or when the item is resolved / closed / merged without one); resolution at resolved / closed / merged.
 */
export function stopTimeOf(target: SlaTarget, item: ItemFacts): string | null {
  const terminal = TERMINAL.has(item.status) ? (item.resolved_at ?? item.closed_at ?? item.updated_at) : null;
  if (target === 'first_response') {
    if (item.first_responded_at && (!terminal || item.first_responded_at <= terminal))
      return item.first_responded_at;
    return terminal;
  }
  return terminal;
}

/** The mutable part of a clock (what pauses, stops and restarts change). */
export interface ClockState {
  started_at: string;
  consumed_minutes: number;
  segment_started_at: string | null;
  paused_at: string | null;
  stopped_at: string | null;
  due_at: string | null;
}

export function initialState(item: ItemFacts): ClockState {
  return {
    started_at: item.created_at,
    consumed_minutes: 0,
    segment_started_at: item.created_at,
    paused_at: null,
    stopped_at: null,
    due_at: null,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (value: string) => Date.parse(value);

/** Working minutes of the running segment up to `until`. */
function segmentMinutes(spec: CalendarSpec, state: ClockState, until: string): number {
  if (!state.segment_started_at) return 0;
  return businessMsBetween(spec, ms(state.segment_started_at), ms(until)) / MINUTE;
}

/** Stops or restarts the clock to match the item. `at` is when a restart happened (e.g. the reopen). */
export function followItem(
  spec: CalendarSpec,
  state: ClockState,
  stopAt: string | null,
  at: string,
): ClockState {
  if (stopAt && !state.stopped_at) {
    return {
      ...state,
      consumed_minutes: state.consumed_minutes + segmentMinutes(spec, state, stopAt),
      segment_started_at: null,
      paused_at: null,
      stopped_at: stopAt,
    };
  }
  if (!stopAt && state.stopped_at) {
    return { ...state, stopped_at: null, segment_started_at: at > state.stopped_at ? at : state.stopped_at };
  }
  return state;
}

export function pauseState(spec: CalendarSpec, state: ClockState, at: string): ClockState {
  if (state.stopped_at || state.paused_at) return state;
  return {
    ...state,
    consumed_minutes: state.consumed_minutes + segmentMinutes(spec, state, at),
    segment_started_at: null,
    paused_at: at,
  };
}

export function resumeState(state: ClockState, at: string): ClockState {
  if (!state.paused_at) return state;
  return { ...state, paused_at: null, segment_started_at: at > state.paused_at ? at : state.paused_at };
}

export function budgetOf(policy: PolicyRow, target: SlaTarget): number {
  if (target === 'progress') return policy.progress_update_minutes ?? 0;
  return target === 'first_response' ? policy.first_response_minutes : policy.resolution_minutes;
}

/** What an escalation of this clock is recorded under: the target, and for progress also the cycle. */
export function escalationKey(clock: { target: SlaTarget; segment_started_at: string | null }): string {
  return clock.target === 'progress' ? `progress@${clock.segment_started_at}` : clock.target;
}

/**
 * The full clock row: due and at-risk instants on the policy's calendar (a paused clock shows what they
 * would be had it resumed at the pause), and what the sweep must record next and when.
 */
export function buildClock(args: {
  feedbackId: string;
  target: SlaTarget;
  policy: PolicyRow;
  spec: CalendarSpec;
  state: ClockState;
  escalated: ReadonlySet<string>;
  now: string;
}): ClockRow {
  const { target, policy, spec, state } = args;
  const budget = budgetOf(policy, target);
  const riskMinutes = (budget * policy.at_risk_percent) / 100;
  let due: string;
  let atRisk: string;
  const anchor = state.segment_started_at ?? state.paused_at;
  if (anchor) {
    const start = ms(anchor);
    due = iso(addBusinessMs(spec, start, Math.max(0, budget - state.consumed_minutes) * MINUTE));
    atRisk = iso(addBusinessMs(spec, start, Math.max(0, riskMinutes - state.consumed_minutes) * MINUTE));
  } else {
    // Stopped: the due time it had stays (a clock stopped before it was ever computed counts from receipt).
    const start = ms(state.started_at);
    due = state.due_at ?? iso(addBusinessMs(spec, start, budget * MINUTE));
    atRisk = iso(addBusinessMs(spec, start, riskMinutes * MINUTE));
  }
  // For a progress cycle the at-risk point (the policy's percentage of the interval, e.g. 48 of 60 minutes)
  // is when the item's handler is reminded to send the update; the overdue cycle escalates as before.
  const key = escalationKey({ target, segment_started_at: state.segment_started_at });
  let nextCheck: string | null = null;
  let nextLevel: SlaLevel | null = null;
  if (state.segment_started_at && !state.stopped_at && !state.paused_at) {
    if (!args.escalated.has(`${key}:breached`)) {
      if (!args.escalated.has(`${key}:at_risk`) && atRisk < due) {
        nextCheck = atRisk;
        nextLevel = 'at_risk';
      } else {
        nextCheck = due;
        nextLevel = 'breached';
      }
    }
  }
  return {
    feedback_id: args.feedbackId,
    target,
    policy_id: policy.id,
    calendar_id: policy.calendar_id,
    budget_minutes: budget,
    started_at: state.started_at,
    consumed_minutes: state.consumed_minutes,
    segment_started_at: state.segment_started_at,
    due_at: due,
    at_risk_at: atRisk,
    paused_at: state.paused_at,
    stopped_at: state.stopped_at,
    next_check_at: nextCheck,
    next_level: nextLevel,
    updated_at: args.now,
  };
}

export function stateOf(clock: ClockRow): ClockState {
  return {
    started_at: clock.started_at,
    consumed_minutes: clock.consumed_minutes,
    segment_started_at: clock.segment_started_at,
    paused_at: clock.paused_at,
    stopped_at: clock.stopped_at,
    due_at: clock.due_at,
  };
}

export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'met';

/**
 * Where a clock stands at `now`; without `now`, as of the last sweep (from the escalations recorded,
 * at most a minute behind).
 */
export function clockStatus(clock: ClockRow, now: string | null, escalated?: ReadonlySet<string>): SlaStatus {
  if (clock.stopped_at) return clock.stopped_at <= clock.due_at ? 'met' : 'breached';
  const key = escalationKey(clock);
  if (escalated?.has(`${key}:breached`)) return 'breached';
  if (clock.paused_at) {
    if (clock.consumed_minutes >= clock.budget_minutes) return 'breached';
    return clock.paused_at >= clock.at_risk_at ? 'at_risk' : 'on_track';
  }
  if (now !== null && now >= clock.due_at) return 'breached';
  if ((now !== null && now >= clock.at_risk_at) || escalated?.has(`${key}:at_risk`)) return 'at_risk';
  return 'on_track';
}
