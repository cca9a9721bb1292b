import type { LogCall } from '../../../../shared/contracts/intake.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import type { CommandBase, FeedbackRecord } from '../../feedback/index.js';
import { createFromSubmission } from './record-submission.js';

/**
 * An agent logs a phone call: the caller is found or created by phone number (customers.resolveCustomer),
 * the notes become the item (channel phone) and the call as entered is kept as its raw original.
 */
export function logCall(
  options: CommandBase & { dialect: DialectHelpers; timeZone: string; call: LogCall },
): Promise<FeedbackRecord> {
  const { call } = options;
  const original = {
    ...call,
    direction: call.direction ?? 'inbound',
    loggedBy: { type: options.actor.type, id: options.actor.id, name: options.actor.name },
  };
  return createFromSubmission({
    ...options,
    input: {
      description: call.notes,
      channel: 'phone',
      nature: call.nature ?? null,
      product: call.product ?? null,
      occurredAt: call.startedAt,
      customer: { phone: call.phone, ...(call.callerName ? { name: call.callerName } : {}) },
      customFields: { call: { direction: original.direction, durationSeconds: call.durationSeconds } },
    },
    original: {
      channel: 'phone',
      source: 'phone',
      contentType: 'application/json',
      body: JSON.stringify(original),
      remoteIp: options.ip ?? null,
    },
  });
}
