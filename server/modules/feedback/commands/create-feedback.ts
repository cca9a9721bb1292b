import type { Channel, Nature, Priority } from '../../../../shared/enums.js';
import { normalizeTagList } from '../../../../shared/feedback/tags.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { resolveCustomer } from '../../customers/index.js';
import { getDepartmentSummaries, getUserById } from '../../identity/index.js';
import { insertAttachments } from '../attachments/attachments.repository.js';
import type { PreparedAttachment } from '../attachments/storage.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, insertFeedback, isUuid } from '../feedback.repository.js';
import { addFeedbackTags, ensureTagPaths, syncTagPaths } from '../tags.repository.js';
import { insertMessage } from '../timeline.repository.js';
import { type CommandBase, recordChange } from './change.js';
import { allocateTicketNumber } from './ticket-number.js';

export interface CreateFeedbackInput {
  description: string;
  subject?: string | null;
  channel?: Channel;
  nature?: Nature | null;
  businessArea?: string | null;
  product?: string | null;
  branch?: string | null;
  region?: string | null;
  priority?: Priority;
  occurredAt?: string | null;
  language?: string | null;
  /** Who sent it: found by id or identity, or created (see customers.resolveCustomer). */
  customer?: {
    customerId?: string;
    name?: string;
    email?: string;
    phone?: string;
    externalId?: string;
    locale?: string;
  };
  tags?: string[];
  departmentId?: string | null;
  assigneeId?: string | null;
  customFields?: Record<string, unknown>;
  /** Intake source and its id, unique together (imports, webhooks). */
  source?: string | null;
  sourceId?: string | null;
  /** True when the customer submitted it themselves (portal, widget, email) rather than staff or an integration. */
  submittedByCustomer?: boolean;
  /** Files already stored (prepareAttachment or claimed uploads), attached to the first message. */
  attachments?: PreparedAttachment[];
}

async function checkDepartment(base: CommandBase, id: string): Promise<void> {
  const found = isUuid(id) ? await getDepartmentSummaries(base.trx, [id]) : new Map();
  if (!found.has(id)) throw new AppError('department_not_found');
}

async function defaultDepartment(base: CommandBase, input: CreateFeedbackInput): Promise<string | null> {
  if (input.departmentId) {
    await checkDepartment(base, input.departmentId);
    return input.departmentId;
  }
  // An agent's own items land in their own queue; others go to triage (no department) unless assigned.
  if (base.actor.role === 'agent' && base.actor.departmentId) return base.actor.departmentId;
  if (input.assigneeId) {
    const assignee = await getUserById(base.trx, input.assigneeId);
    return assignee?.departmentId ?? null;
  }
  return null;
}

/** Record fields decided at creation (by the caller, or the agent's own queue); triage leaves them alone. */
function explicitFields(input: CreateFeedbackInput, departmentId: string | null): string[] {
  const fields: string[] = [];
  if (input.nature) fields.push('nature');
  if (input.businessArea) fields.push('businessArea');
  if (input.priority) fields.push('priority');
  if (departmentId) fields.push('departmentId');
  if (input.assigneeId) fields.push('assigneeId');
  return fields;
}

/**
 * Creates an item with its ticket number, first message, tags, search index, history row, outbox event
 * `feedback.created` and audit entry, all in the caller's transaction (commit = acknowledgement).
 */
export async function createFeedback(
  options: CommandBase & { dialect: DialectHelpers; timeZone: string; input: CreateFeedbackInput },
): Promise<FeedbackRecord> {
  const { trx, actor, at, input } = options;
  if (input.assigneeId && !(isUuid(input.assigneeId) && (await getUserById(trx, input.assigneeId))))
    throw new AppError('user_not_found');
  const departmentId = await defaultDepartment(options, input);
  const customerId = input.customer ? await resolveCustomer(trx, input.customer, at, actor) : null;
  const tags = normalizeTagList(input.tags);
  await ensureTagPaths(trx, tags, at);

  // Allocated late: on SQLite the counter row is written by this transaction, so nothing slow should follow it.
  const number = await allocateTicketNumber(trx, at, options.timeZone, options.dialect);
  const channel = input.channel ?? 'api';
  const id = newId();
  const row = await insertFeedback(trx, {
    id,
    number,
    channel,
    source: input.source ?? null,
    source_id: input.sourceId ?? null,
    customer_id: customerId,
    subject: input.subject ?? null,
    description: input.description,
    nature: input.nature ?? null,
    business_area: input.businessArea ?? null,
    product: input.product ?? null,
    branch: input.branch ?? null,
    region: input.region ?? null,
    status: 'received',
    priority: input.priority ?? 'normal',
    language: input.language ?? null,
    sentiment_label: null,
    sentiment_score: null,
    department_id: departmentId,
    assignee_id: input.assigneeId ?? null,
    custom_fields: JSON.stringify(input.customFields ?? {}),
    occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : null,
    first_response_due_at: null,
    resolution_due_at: null,
    first_responded_at: null,
    resolved_at: null,
    closed_at: null,
    merged_into_id: null,
    created_by_type: input.submittedByCustomer ? 'customer' : actor.type,
    created_by_id: input.submittedByCustomer ? customerId : actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const message = await insertMessage(trx, {
    feedback_id: id,
    kind: 'customer',
    author_user_id: null,
    author_customer_id: customerId,
    body: input.description,
    channel,
    created_at: at,
  });
  const attachments = await insertAttachments(trx, id, message.id, input.attachments ?? [], at);
  await addFeedbackTags(trx, id, tags, at);
  await syncTagPaths(trx, id, at);
  await options.dialect.indexFeedbackText(trx, id, [row.subject, row.description].filter(Boolean).join('\n'));
  await recordChange(options, {
    feedbackId: id,
    history: [
      {
        type: 'created',
        to: 'received',
        data: {
          number,
          channel,
          priority: row.priority,
          nature: row.nature,
          departmentId,
          tags,
          explicit: explicitFields(input, departmentId),
          ...(attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.id) } : {}),
        },
      },
    ],
    event: FEEDBACK_EVENTS.created,
    payload: {
      number,
      channel,
      customerId,
      departmentId,
      assigneeId: row.assignee_id,
      priority: row.priority,
      nature: row.nature,
      businessArea: row.business_area,
      tags,
      attachments: attachments.length,
    },
  });
  return (await findFeedbackRecord(trx, id))!;
}
