import secureJson from 'secure-json-parse';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FeedbackRecord, findFeedbackIdBySource, getFeedbackOrThrow } from '../../feedback/index.js';
import type { SourceRow } from '../intake.repository.js';
import { findSourceBySlug } from '../intake.repository.js';
import { applyMapping, type FieldMapping, MappingFailure } from '../mapping.js';
import { signedContent, timestampFresh, verifySignature } from '../signature.js';
import { createFromSubmission, type Original, recordSubmission } from './record-submission.js';

const MAX_ATTEMPTS = 3;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface HookDelivery {
  slug: string;
  body: Buffer;
  contentType: string | null;
  headers: Record<string, string | string[] | undefined>;
  remoteIp: string;
  at: string;
  now: Date;
}

export interface HookResult {
  record: FeedbackRecord;
  /** True when an item with the same source id already existed (a redelivery). */
  replayed: boolean;
}

function header(headers: HookDelivery['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function hookActor(source: SourceRow): Actor {
  return {
    type: 'system',
    id: null,
    role: 'admin',
    departmentId: null,
    name: `intake:webhook:${source.slug}`,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** JSON (strict UTF-8, no prototype keys) or form-encoded bodies; throws invalid_json otherwise. */
function parsePayload(body: Buffer, contentType: string | null): unknown {
  if (contentType && /^application\/x-www-form-urlencoded/i.test(contentType))
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  try {
    return secureJson.parse(utf8.decode(body), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    throw new AppError('invalid_json');
  }
}

/**
 * Authenticates the delivery (HMAC over the exact bytes received, then the timestamp window) before
 * anything is stored: a bad signature leaves no trace. An authentic delivery is always kept as a raw
 * original — `created`, `duplicate` (same source id as an earlier item: that item is answered) or
 * `rejected` (unparseable, or the mapping failed: 400 / 422 naming the field and path).
 */
export async function receiveHook(
  database: DatabaseHandle,
  options: { timeZone: string; delivery: HookDelivery },
): Promise<HookResult> {
  const { delivery } = options;
  const source = await findSourceBySlug(database.db, delivery.slug);
  if (!source || Number(source.enabled) !== 1) throw new AppError('intake_source_not_found');

  const timestamp = source.timestamp_header
    ? (header(delivery.headers, source.timestamp_header) ?? null)
    : null;
  if (source.timestamp_header && timestamp === null) throw new AppError('signature_invalid');
  const signature = header(delivery.headers, source.signature_header);
  if (!verifySignature(source.secret, signedContent(delivery.body, timestamp), signature))
    throw new AppError('signature_invalid');
  if (timestamp !== null && !timestampFresh(timestamp, delivery.now, Number(source.tolerance_seconds)))
    throw new AppError('signature_expired', { params: { tolerance: Number(source.tolerance_seconds) } });

  const actor = hookActor(source);
  const original: Original = {
    channel: source.channel,
    source: `webhook:${source.slug}`,
    sourceRef: source.id,
    contentType: delivery.contentType,
    body: delivery.body,
    remoteIp: delivery.remoteIp,
  };
  const reject = async (error: AppError) => {
    await database.write((trx) =>
      recordSubmission(trx, {
        original,
        at: delivery.at,
        actor,
        outcome: 'rejected',
        error: { code: error.code, ...(error.details ? { details: error.details } : {}) },
      }),
    );
    return error;
  };

  let mapped: ReturnType<typeof applyMapping>;
  try {
    mapped = applyMapping(
      parsePayload(delivery.body, delivery.contentType),
      JSON.parse(source.mapping) as FieldMapping,
    );
  } catch (error) {
    if (error instanceof MappingFailure) {
      const details = { field: error.field, path: error.path, reason: error.reason };
      throw await reject(new AppError('mapping_failed', { params: details, details }));
    }
    if (error instanceof AppError) throw await reject(error);
    throw error;
  }

  // Items from this source carry its id as their feedback source, so renaming the slug keeps dedupe.
  const feedbackSource = `webhook:${source.id}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.write(async (trx) => {
        if (mapped.sourceId !== null) {
          const existingId = await findFeedbackIdBySource(trx, feedbackSource, mapped.sourceId);
          if (existingId) {
            const record = await getFeedbackOrThrow(trx, existingId);
            await recordSubmission(trx, {
              original,
              at: delivery.at,
              actor,
              outcome: 'duplicate',
              feedbackId: record.id,
              customerId: record.customer_id,
            });
            return { record, replayed: true };
          }
        }
        const record = await createFromSubmission({
          trx,
          actor,
          at: delivery.at,
          ip: delivery.remoteIp,
          dialect: database.dialect,
          timeZone: options.timeZone,
          original,
          input: {
            ...mapped.input,
            channel: source.channel as 'sms' | 'social' | 'review' | 'app_store',
            source: feedbackSource,
            sourceId: mapped.sourceId,
            submittedByCustomer: true,
          },
        });
        return { record, replayed: false };
      });
    } catch (error) {
      // A concurrent delivery of the same source id won the insert: the next attempt finds its item.
      if (attempt < MAX_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
