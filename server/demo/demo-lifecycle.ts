import type { FeedbackStatus, Priority, SentimentLabel } from '../../shared/enums.js';
import { addMessage, assignFeedback, changeStatus, updateFeedbackFields } from '../modules/feedback/index.js';
import { type Actor, SYSTEM_ACTOR } from '../platform/auth/actor.js';
import type { Db, Trx } from '../platform/db/database.js';
import type { DialectHelpers } from '../platform/db/dialect/index.js';
import {
  AGENT_REPLIES,
  CLOSURE_LETTERS,
  CUSTOMER_FOLLOW_UPS,
  INTERNAL_NOTES,
  LIFECYCLE_REASONS,
} from './demo-templates.js';
import type { Random } from './random.js';
import type { SampleLanguage } from './sample-texts.js';

const HOUR = 3_600_000;

// First-response and resolution targets per priority, in hours (what an SLA policy would set).
const SLA_HOURS: Record<Priority, readonly [number, number]> = {
  urgent: [1, 24],
  high: [4, 72],
  normal: [24, 120],
  suggestion: [120, 240],
};

export interface LifecycleItem {
  id: string;
  createdAt: Date;
  priority: Priority;
  language: SampleLanguage;
  sentiment: SentimentLabel;
}

export interface LifecycleContext {
  db: Db;
  dialect: DialectHelpers;
  random: Random;
  now: Date;
  agents: readonly Actor[];
  supervisor: Actor;
}

/** Where an item of this age has got to: recent ones are mostly open, older ones mostly closed. */
export function targetStatus(random: Random, ageDays: number): FeedbackStatus {
  if (ageDays < 1)
    return random.weighted([
      ['received', 50],
      ['in_progress', 40],
      ['resolved', 10],
    ]);
  if (ageDays < 5)
    return random.weighted([
      ['received', 10],
      ['in_progress', 40],
      ['resolved', 25],
      ['closed', 20],
      ['reopened', 5],
    ]);
  return random.weighted([
    ['received', 3],
    ['in_progress', 12],
    ['resolved', 15],
    ['closed', 60],
    ['reopened', 10],
  ]);
}

/**
 * Moves a freshly created item through the real lifecycle commands (one transaction each, with
 * back-dated times) until it reaches `target` or the next step would lie in the future.
 */
export async function playLifecycle(
  ctx: LifecycleContext,
  item: LifecycleItem,
  target: FeedbackStatus,
): Promise<void> {
  const { random, db } = ctx;
  const lang = item.language;
  const [firstHours, resolveHours] = SLA_HOURS[item.priority];
  let t = item.createdAt.getTime();
  const step = async (afterMs: number, run: (trx: Trx, at: string) => Promise<unknown>): Promise<boolean> => {
    t += Math.max(60_000, Math.round(afterMs));
    if (t > ctx.now.getTime()) return false;
    const at = new Date(t).toISOString();
    await db.transaction().execute((trx) => run(trx, at));
    return true;
  };
  const base = (trx: Trx, at: string, actor: Actor) => ({ trx, at, actor, feedbackId: item.id });

  const score = item.sentiment === 'positive' ? 0.7 : item.sentiment === 'negative' ? -0.6 : 0;
  const triaged = await step(60_000, (trx, at) =>
    updateFeedbackFields({
      ...base(trx, at, SYSTEM_ACTOR),
      dialect: ctx.dialect,
      reason: LIFECYCLE_REASONS.triage[lang],
      changes: {
        sentiment: { label: item.sentiment, score },
        firstResponseDueAt: new Date(item.createdAt.getTime() + firstHours * HOUR).toISOString(),
        resolutionDueAt: new Date(item.createdAt.getTime() + resolveHours * HOUR).toISOString(),
      },
    }),
  );
  if (!triaged) return;
  if (target === 'received' && !random.chance(0.4)) return;

  const agent = random.pick(ctx.agents);
  const assigned = await step(random.int(10, 90) * 60_000, (trx, at) =>
    assignFeedback({ ...base(trx, at, ctx.supervisor), assigneeId: agent.id }),
  );
  if (!assigned || target === 'received') return;

  const replied = await step(random.next() * firstHours * HOUR, (trx, at) =>
    addMessage({
      ...base(trx, at, agent),
      kind: 'agent',
      body: random.pick(AGENT_REPLIES.slice(0, 3))[lang],
    }),
  );
  if (!replied) return;
  if (random.chance(0.4)) {
    const noted = await step(random.int(5, 120) * 60_000, (trx, at) =>
      addMessage({ ...base(trx, at, agent), kind: 'note', body: random.pick(INTERNAL_NOTES)[lang] }),
    );
    if (!noted) return;
  }
  const started = await step(random.int(5, 60) * 60_000, (trx, at) =>
    changeStatus({ ...base(trx, at, agent), to: 'in_progress' }),
  );
  if (!started) return;
  if (target === 'in_progress') {
    if (random.chance(0.3)) {
      await step(random.int(1, 12) * HOUR, (trx, at) =>
        addMessage({
          ...base(trx, at, SYSTEM_ACTOR),
          kind: 'customer',
          body: random.pick(CUSTOMER_FOLLOW_UPS)[lang],
        }),
      );
    }
    return;
  }

  const letter = random.pick(CLOSURE_LETTERS);
  const resolved = await step(resolveHours * HOUR * (0.2 + random.next() * 0.9), async (trx, at) => {
    await addMessage({ ...base(trx, at, agent), kind: 'agent', body: AGENT_REPLIES[3]![lang] });
    return changeStatus({
      ...base(trx, at, agent),
      to: 'resolved',
      closure: {
        rootCause: letter.rootCause[lang],
        remedy: letter.remedy[lang],
        prevention: letter.prevention[lang],
      },
    });
  });
  if (!resolved || target === 'resolved') return;

  const closed = await step(random.int(1, 48) * HOUR, (trx, at) =>
    changeStatus({ ...base(trx, at, agent), to: 'closed', reason: LIFECYCLE_REASONS.closed[lang] }),
  );
  if (!closed || target === 'closed') return;

  await step(random.int(1, 72) * HOUR, async (trx, at) => {
    await addMessage({
      ...base(trx, at, SYSTEM_ACTOR),
      kind: 'customer',
      body: CUSTOMER_FOLLOW_UPS[0]![lang],
    });
    return changeStatus({
      ...base(trx, at, SYSTEM_ACTOR),
      to: 'reopened',
      reason: LIFECYCLE_REASONS.reopened[lang],
    });
  });
}
