import type { Priority } from '../../../../shared/enums.js';
import type { Trx } from '../../../platform/db/database.js';
import type { CommandBase, FeedbackRow } from '../../feedback/index.js';
import { lockFeedback, setSlaDue } from '../../feedback/index.js';
import type { CalendarSpec } from '../calendar/business-calendar.js';
import {
  buildClock,
  type ClockState,
  calendarSpec,
  followItem,
  initialState,
  SLA_TARGETS,
  stateOf,
  stopTimeOf,
} from '../clock-engine.js';
import {
  type ClockRow,
  escalationsOf,
  findCalendar,
  findClocks,
  listCalendarDays,
  matchPolicy,
  type PolicyRow,
  saveClock,
} from '../sla.repository.js';
import type { SlaTarget } from '../sla.table.js';

const COMPARED: (keyof ClockRow)[] = [
  'policy_id',
  'calendar_id',
  'budget_minutes',
  'started_at',
  'consumed_minutes',
  'segment_started_at',
  'due_at',
  'at_risk_at',
  'paused_at',
  'stopped_at',
  'next_check_at',
  'next_level',
];

function sameClock(a: ClockRow, b: ClockRow): boolean {
  return COMPARED.every((k) => a[k] === b[k]);
}

/** Calendars loaded once per job or sweep batch. */
export class CalendarCache {
  private readonly specs = new Map<string, { code: string; spec: CalendarSpec }>();

  async get(trx: Trx, calendarId: string): Promise<{ code: string; spec: CalendarSpec }> {
    let entry = this.specs.get(calendarId);
    if (!entry) {
      const row = await findCalendar(trx, calendarId);
      if (!row) throw new Error(`SLA calendar ${calendarId} is missing`);
      entry = { code: row.code, spec: calendarSpec(row, await listCalendarDays(trx, calendarId)) };
      this.specs.set(calendarId, entry);
    }
    return entry;
  }
}

/** The policy for an item's priority and nature (a priority without one has no SLA). */
export async function policyFor(
  trx: Trx,
  item: { priority: Priority; nature: string | null },
): Promise<PolicyRow | undefined> {
  return matchPolicy(trx, item.priority, item.nature as Parameters<typeof matchPolicy>[2]);
}

export type ClockTransform = (spec: CalendarSpec, state: ClockState, target: SlaTarget) => ClockState;

/**
 * Brings an item's SLA clocks in line with the item (priority → policy, first reply, resolution, reopen)
 * and writes the due times to the item through the feedback module's set-sla-due command. Idempotent:
 * running it twice changes nothing. `at` is the time of the change being followed (an event's time).
 * `transform` applies a pause or resume on top.
 */
export async function syncItemClocks(
  base: CommandBase & {
    feedbackId: string;
    reason: string;
    /** When the followed change happened (a reopen restarts the clock then); `at` by default. */
    changeAt?: string;
    /** Time of a public agent reply being followed: a new progress-update cycle starts then. */
    replyAt?: string;
    calendars?: CalendarCache;
    transform?: ClockTransform;
  },
): Promise<{ clocks: ClockRow[]; policy: PolicyRow; item: FeedbackRow } | null> {
  const { trx, at } = base;
  const item = await lockFeedback(base, base.feedbackId);
  const policy = await policyFor(trx, item);
  if (!policy) return null;
  const calendars = base.calendars ?? new CalendarCache();
  const { code, spec } = await calendars.get(trx, policy.calendar_id);
  const existing = new Map((await findClocks(trx, item.id)).map((c) => [c.target, c]));
  const escalated = await escalationsOf(trx, item.id);
  const clocks: ClockRow[] = [];
  for (const target of SLA_TARGETS) {
    const current = existing.get(target);
    // Time already counted stays as counted; the running segment is measured on the current calendar.
    const previousSpec = current ? (await calendars.get(trx, current.calendar_id)).spec : spec;
    let state = current ? stateOf(current) : initialState(item);
    state = followItem(previousSpec, state, stopTimeOf(target, item), base.changeAt ?? at);
    if (base.transform) state = base.transform(spec, state, target);
    const clock = buildClock({ feedbackId: item.id, target, policy, spec, state, escalated, now: at });
    if (!current || !sameClock(current, clock)) await saveClock(trx, clock);
    clocks.push(clock);
  }
  const progress = progressClock({
    ...base,
    item,
    policy,
    spec,
    current: existing.get('progress'),
    escalated,
  });
  if (progress) {
    const current = existing.get('progress');
    if (!current || !sameClock(current, progress)) await saveClock(trx, progress);
    clocks.push(progress);
  }
  const [firstResponse, resolution] = clocks as [ClockRow, ClockRow];
  await setSlaDue({
    ...base,
    feedbackId: item.id,
    firstResponseDueAt: firstResponse.due_at,
    resolutionDueAt: resolution.due_at,
    policy: {
      id: policy.id,
      name: policy.name,
      priority: policy.priority,
      nature: policy.nature,
      calendarCode: code,
    },
    reason: base.reason,
  });
  return { clocks, policy, item };
}

/**
 * The progress-update clock of policies that expect one (e.g. high: every hour): it starts at the first
 * public reply, starts a new cycle at every later one (and at a reopen), and stops with the resolution.
 */
function progressClock(args: {
  item: FeedbackRow;
  policy: PolicyRow;
  spec: CalendarSpec;
  current: ClockRow | undefined;
  escalated: ReadonlySet<string>;
  at: string;
  changeAt?: string;
  replyAt?: string;
  transform?: ClockTransform;
}): ClockRow | null {
  const { item, policy, spec, current, at } = args;
  const terminal = stopTimeOf('resolution', item);
  let state: ClockState;
  if (!policy.progress_update_minutes) {
    // The policy no longer expects updates: a running clock stops, a stopped one stays as it is.
    if (!current || current.stopped_at) return current ?? null;
    state = { ...stateOf(current), segment_started_at: null, paused_at: null, stopped_at: at };
  } else if (current) {
    state = followItem(spec, stateOf(current), terminal, args.changeAt ?? at);
    if (current.stopped_at && !state.stopped_at) state = { ...state, consumed_minutes: 0, due_at: null };
    const reply = args.replyAt;
    if (
      reply &&
      !state.stopped_at &&
      !state.paused_at &&
      state.segment_started_at &&
      reply > state.segment_started_at
    )
      state = { ...state, consumed_minutes: 0, segment_started_at: reply, due_at: null };
  } else if (item.first_responded_at && !terminal) {
    const start =
      args.replyAt && args.replyAt > item.first_responded_at ? args.replyAt : item.first_responded_at;
    state = {
      started_at: item.first_responded_at,
      consumed_minutes: 0,
      segment_started_at: start,
      paused_at: null,
      stopped_at: null,
      due_at: null,
    };
  } else {
    return null;
  }
  if (args.transform) state = args.transform(spec, state, 'progress');
  return buildClock({
    feedbackId: item.id,
    target: 'progress',
    policy,
    spec,
    state,
    escalated: args.escalated,
    now: at,
  });
}
