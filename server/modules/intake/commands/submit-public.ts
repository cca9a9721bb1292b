import type { PublicFeedback } from '../../../../shared/contracts/intake.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Trx } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { normalizeEmail, normalizePhone } from '../../customers/index.js';
import type { FeedbackRecord, PreparedAttachment } from '../../feedback/index.js';
import { createFromSubmission, type Original } from './record-submission.js';

/** Who creates portal and widget submissions (the item itself is recorded as submitted by the customer). */
export const PUBLIC_ACTOR: Actor = {
  type: 'system',
  id: null,
  role: 'admin',
  departmentId: null,
  name: 'intake:public',
};

export interface PublicContact {
  email?: string;
  phone?: string;
}

/**
 * Checks what a public submission must carry before anything else runs: consent (400 consent_required),
 * and an email or phone that normalises (invalid_email / invalid_phone / contact_required).
 */
export function checkPublicSubmission(body: PublicFeedback): PublicContact {
  if (body.consent !== true) throw new AppError('consent_required', { details: [{ path: 'consent' }] });
  const contact: PublicContact = {};
  const { email, phone } = body.customer ?? {};
  if (email !== undefined) {
    const value = normalizeEmail(email);
    if (!value)
      throw new AppError('invalid_email', { details: [{ path: 'customer.email', code: 'invalid' }] });
    contact.email = value;
  }
  if (phone !== undefined) {
    const value = normalizePhone(phone);
    if (!value)
      throw new AppError('invalid_phone', { details: [{ path: 'customer.phone', code: 'invalid' }] });
    contact.phone = value;
  }
  if (!contact.email && !contact.phone)
    throw new AppError('contact_required', { details: [{ path: 'customer', code: 'required' }] });
  return contact;
}

/** The contact a per-contact rate limit counts against, or null when the body names none that is valid. */
export function publicContactKey(body: unknown): string | null {
  const customer = (body as { customer?: { email?: unknown; phone?: unknown } } | undefined)?.customer;
  const email = typeof customer?.email === 'string' ? normalizeEmail(customer.email) : null;
  if (email) return `email:${email}`;
  const phone = typeof customer?.phone === 'string' ? normalizePhone(customer.phone) : null;
  return phone ? `phone:${phone}` : null;
}

/** Creates the item of a portal or widget submission and keeps its raw body. */
export function submitPublicFeedback(options: {
  trx: Trx;
  at: string;
  ip: string;
  dialect: DialectHelpers;
  timeZone: string;
  body: PublicFeedback;
  contact: PublicContact;
  original: Original;
  /** Claimed uploads (feedback.claimUploads in the same transaction). */
  attachments?: PreparedAttachment[];
}): Promise<FeedbackRecord> {
  const { body } = options;
  return createFromSubmission({
    trx: options.trx,
    actor: PUBLIC_ACTOR,
    at: options.at,
    ip: options.ip,
    dialect: options.dialect,
    timeZone: options.timeZone,
    original: options.original,
    input: {
      description: body.description,
      channel: body.channel ?? 'portal',
      nature: body.nature ?? null,
      occurredAt: body.occurredAt ?? null,
      product: body.product ?? null,
      branch: body.branch ?? null,
      customer: { ...(body.customer?.name ? { name: body.customer.name } : {}), ...options.contact },
      submittedByCustomer: true,
      attachments: options.attachments ?? [],
    },
  });
}
