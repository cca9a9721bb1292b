import type { SubmissionOutcome } from '../../../../shared/contracts/intake.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { newId } from '../../../platform/db/ids.js';
import {
  type CommandBase,
  type CreateFeedbackInput,
  createFeedback,
  type FeedbackRecord,
} from '../../feedback/index.js';
import { insertSubmission } from '../intake.repository.js';

/** What arrived, as it arrived. */
export interface Original {
  channel: string;
  source: string;
  sourceRef?: string | null;
  contentType: string | null;
  body: Buffer | string | null;
  remoteIp: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function encode(body: Buffer | string | null): {
  payload: string | null;
  payload_encoding: 'utf8' | 'base64';
} {
  if (body === null || typeof body === 'string') return { payload: body, payload_encoding: 'utf8' };
  try {
    // PostgreSQL text cannot hold NUL, so such bodies are kept base64 like any non-UTF-8 bytes.
    const text = utf8.decode(body);
    if (!text.includes('\u0000')) return { payload: text, payload_encoding: 'utf8' };
  } catch {
    // not UTF-8
  }
  return { payload: body.toString('base64'), payload_encoding: 'base64' };
}

/** Stores the raw original with its outcome; in the caller's transaction. */
export async function recordSubmission(
  db: DbOrTrx,
  options: {
    original: Original;
    at: string;
    actor: Actor;
    outcome: SubmissionOutcome;
    feedbackId?: string | null;
    customerId?: string | null;
    error?: Record<string, unknown> | null;
  },
): Promise<string> {
  const { original } = options;
  const id = newId();
  await insertSubmission(db, {
    id,
    channel: original.channel,
    source: original.source,
    source_ref: original.sourceRef ?? null,
    received_at: options.at,
    content_type: original.contentType,
    ...encode(original.body),
    remote_ip: original.remoteIp,
    feedback_id: options.feedbackId ?? null,
    customer_id: options.customerId ?? null,
    outcome: options.outcome,
    error: options.error ? JSON.stringify(options.error) : null,
    actor_type: options.actor.type,
    actor_id: options.actor.id,
  });
  return id;
}

/**
 * The one way a channel creates an item: feedback's createFeedback, then the raw original linked to it,
 * in the same transaction (both or neither).
 */
export async function createFromSubmission(
  options: CommandBase & {
    dialect: DialectHelpers;
    timeZone: string;
    input: CreateFeedbackInput;
    original: Original;
  },
): Promise<FeedbackRecord> {
  const record = await createFeedback(options);
  await recordSubmission(options.trx, {
    original: options.original,
    at: options.at,
    actor: options.actor,
    outcome: 'created',
    feedbackId: record.id,
    customerId: record.customer_id,
  });
  return record;
}
