import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { classifySample, type SampleTraits } from '../../../server/demo/classify-sample.js';
import type { Random } from '../../../server/demo/random.js';
import type { SampleText } from '../../../server/demo/sample-texts.js';
import type { FeedbackTable } from '../../../server/modules/feedback/feedback.table.js';
import type { Channel, FeedbackStatus, Priority } from '../../../shared/enums.js';

export interface BulkDepartment {
  id: string;
  code: string;
  businessAreas: string[];
  agentIds: string[];
}

/** A text ready to be stored: its traits and its full-text document, computed once per distinct text. */
export interface PreparedText {
  sample: SampleText;
  traits: SampleTraits;
}

export interface PlannedItem {
  row: Insertable<FeedbackTable> & { id: string; created_at: string; customer_id: string };
  tags: string[];
  /** Index into the text pool (documents are cached per text). */
  textIndex: number;
}

export interface PlanOptions {
  texts: readonly PreparedText[];
  departments: readonly BulkDepartment[];
  customerIds: readonly string[];
  /** Items are spread over the year before this instant. */
  now: Date;
  random: Random;
  ticketNumber: (createdAt: Date, sequence: number) => { day: string; number: string };
  /** Filled with the last ticket sequence used per day (for ticket_counters). */
  sequences: Map<string, number>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['portal', 20],
  ['email', 18],
  ['phone', 15],
  ['widget', 12],
  ['social', 10],
  ['api', 10],
  ['sms', 5],
  ['app_store', 5],
  ['review', 5],
];

// Resolution SLA and first-response SLA per priority, in hours.
const SLA_HOURS: Record<Priority, readonly [number, number]> = {
  urgent: [1, 24],
  high: [4, 72],
  normal: [24, 120],
  suggestion: [120, 240],
};

function statusForAge(random: Random, ageDays: number): FeedbackStatus {
  if (ageDays < 2)
    return random.weighted([
      ['received', 55],
      ['in_progress', 35],
      ['resolved', 8],
      ['closed', 2],
    ]);
  if (ageDays < 7)
    return random.weighted([
      ['received', 20],
      ['in_progress', 35],
      ['resolved', 25],
      ['closed', 17],
      ['reopened', 3],
    ]);
  if (ageDays < 30)
    return random.weighted([
      ['received', 5],
      ['in_progress', 12],
      ['resolved', 20],
      ['closed', 58],
      ['reopened', 5],
    ]);
  return random.weighted([
    ['received', 1],
    ['in_progress', 2],
    ['resolved', 5],
    ['closed', 90],
    ['reopened', 1],
    ['merged', 1],
  ]);
}

export function prepareTexts(samples: readonly SampleText[]): PreparedText[] {
  return samples.map((sample) => ({ sample, traits: classifySample(sample) }));
}

/** Yields `count` realistic feedback rows: a year of intake with lifecycle state that fits each item's age. */
export function* planItems(count: number, options: PlanOptions): Generator<PlannedItem> {
  const { texts, departments, customerIds, now, random } = options;
  const byArea = new Map<string, BulkDepartment>();
  for (const d of departments) for (const area of d.businessAreas) byArea.set(area, d);
  const complaints = departments.find((d) => d.code === 'complaints');
  let previousId: string | null = null;
  for (let i = 0; i < count; i++) {
    const textIndex = random.int(0, texts.length - 1);
    const text = texts[textIndex]!;
    const { traits, sample } = text;
    const createdMs = now.getTime() - Math.floor(random.next() * 365 * DAY);
    const created = new Date(createdMs);
    const ageDays = (now.getTime() - createdMs) / DAY;
    let status = statusForAge(random, ageDays);
    if (status === 'merged' && previousId === null) status = 'closed';
    const escalate = traits.priority === 'urgent' || (traits.priority === 'high' && random.chance(0.3));
    const department = (escalate && complaints) || byArea.get(traits.businessArea) || departments[0]!;
    const assigned = status !== 'received' || random.chance(0.3);
    const [firstHours, resolveHours] = SLA_HOURS[traits.priority];
    const responded = status !== 'received';
    const resolvedMs = createdMs + Math.floor(random.next() * resolveHours * 1.3 * HOUR);
    const done = status === 'resolved' || status === 'closed';
    const number = nextNumber(options, created);
    const id = uuidv7({ msecs: createdMs });
    const iso = created.toISOString();
    const sentimentScore =
      sample.sentiment === 'positive'
        ? 0.4 + random.next() * 0.6
        : sample.sentiment === 'negative'
          ? -0.4 - random.next() * 0.6
          : random.next() * 0.4 - 0.2;
    yield {
      textIndex,
      tags: traits.tags,
      row: {
        id,
        number,
        channel: random.weighted(CHANNELS),
        source: null,
        source_id: null,
        customer_id: random.pick(customerIds),
        subject: null,
        description: sample.text,
        nature: traits.nature,
        business_area: traits.businessArea,
        product: traits.product,
        branch: null,
        region: null,
        status,
        priority: traits.priority,
        language: sample.language,
        sentiment_label: sample.sentiment,
        sentiment_score: Math.round(sentimentScore * 1000) / 1000,
        department_id: department.id,
        assignee_id: assigned && department.agentIds.length > 0 ? random.pick(department.agentIds) : null,
        custom_fields: '{}',
        occurred_at: new Date(createdMs - random.int(0, 48) * HOUR).toISOString(),
        first_response_due_at: new Date(createdMs + firstHours * HOUR).toISOString(),
        resolution_due_at: new Date(createdMs + resolveHours * HOUR).toISOString(),
        first_responded_at: responded
          ? new Date(createdMs + Math.floor(random.next() * firstHours * 1.2 * HOUR)).toISOString()
          : null,
        resolved_at: done ? new Date(resolvedMs).toISOString() : null,
        closed_at: status === 'closed' ? new Date(resolvedMs + random.int(1, 72) * HOUR).toISOString() : null,
        merged_into_id: status === 'merged' ? previousId : null,
        created_by_type: 'system',
        created_by_id: null,
        created_at: iso,
        updated_at: iso,
        version: 1,
      },
    };
    previousId = id;
  }
}

function nextNumber(options: PlanOptions, created: Date): string {
  const { day } = options.ticketNumber(created, 0);
  const sequence = (options.sequences.get(day) ?? 0) + 1;
  options.sequences.set(day, sequence);
  return options.ticketNumber(created, sequence).number;
}
