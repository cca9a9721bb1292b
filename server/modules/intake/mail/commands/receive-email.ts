import type { Actor } from '../../../../platform/auth/actor.js';
import type { Trx } from '../../../../platform/db/database.js';
import { newId, nowIso } from '../../../../platform/db/ids.js';
import type { AppContext } from '../../../../platform/http/context.js';
import { AppError } from '../../../../platform/http/errors.js';
import {
  addMessage,
  createFeedback,
  discardPreparedAttachments,
  getFeedbackRecords,
  type PreparedAttachment,
  prepareAttachment,
} from '../../../feedback/index.js';
import { detectLanguage } from '../../../nlp/index.js';
import { type Original, recordSubmission } from '../../commands/record-submission.js';
import * as repo from '../mail.repository.js';
import { type ParsedEmail, parseEmail } from '../parse.js';
import { stripQuoted } from '../quoted.js';
import { tokenCandidates, tokenSecret, verifyToken } from '../token.js';

export type MailDeps = Pick<AppContext, 'database' | 'config' | 'clock'>;

export interface ReceiveOptions {
  via: 'imap' | 'smtp';
  mailboxId?: string;
  /** SMTP envelope: MAIL FROM ('' = the null sender of bounces) and RCPT TO addresses. */
  envelopeFrom?: string | null;
  envelopeTo?: string[];
  remoteIp?: string | null;
}

export type MailOutcome = 'created' | 'appended' | 'ignored' | 'rejected';

export interface ReceiveResult {
  outcome: MailOutcome;
  /** True when this message (same Message-ID from the same source) had been received before. */
  duplicate: boolean;
  feedbackId: string | null;
  reason: string | null;
}

const MAX_DESCRIPTION = 20_000;
const MAX_HTML = 50_000;
const MAX_ATTEMPTS = 3;

const MAIL_ACTOR: Actor = {
  type: 'system',
  id: null,
  role: 'admin',
  departmentId: null,
  name: 'intake:email',
};

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** The item a reply may thread onto: the first of our signed tokens (Reply-To address or Message-ID). */
async function threadTarget(deps: MailDeps, mail: ParsedEmail, envelopeTo: string[]): Promise<string | null> {
  const candidates = tokenCandidates(
    [...envelopeTo, ...mail.recipients],
    [...mail.inReplyTo, ...mail.references],
  );
  if (candidates.length === 0) return null;
  const secret = await tokenSecret(deps.database.db, deps.clock);
  for (const candidate of candidates) {
    const id = verifyToken(secret, candidate);
    if (id) return id;
  }
  return null;
}

interface AttachmentNote {
  fileName: string;
  contentType: string;
  size: number;
  inline: boolean;
  /** Stored as an attachment of the item (else only in the raw original, for `reason`). */
  stored: boolean;
  reason?: string;
}

/**
 * Stores the mail's attachments and inline images through feedback's attachment storage (type by magic
 * bytes, size and count limits). One that is refused is noted with the reason and stays available in the
 * raw original; the mail itself is still received.
 */
async function prepareMailAttachments(
  deps: MailDeps,
  mail: ParsedEmail,
): Promise<{ files: PreparedAttachment[]; notes: AttachmentNote[] }> {
  const files: PreparedAttachment[] = [];
  const notes: AttachmentNote[] = [];
  try {
    for (const a of mail.attachments) {
      const note: AttachmentNote = {
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.size,
        inline: a.inline,
        stored: false,
      };
      notes.push(note);
      if (files.length >= deps.config.attachments.maxCount) {
        note.reason = 'attachment_count_exceeded';
        continue;
      }
      try {
        files.push(
          await prepareAttachment(deps.config, { fileName: a.fileName, bytes: a.content, at: deps.clock() }),
        );
        note.stored = true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        note.reason = error.code;
      }
    }
  } catch (error) {
    await discardPreparedAttachments(deps.config, files);
    throw error;
  }
  return { files, notes };
}

function descriptionOf(mail: ParsedEmail): string {
  const text = mail.text || '';
  const parts = [mail.subject, text].filter((p) => p.length > 0);
  return clip(parts.join('\n\n') || '（空邮件）(empty message)', MAX_DESCRIPTION);
}

function languageOf(mail: ParsedEmail): string | null {
  const lang = detectLanguage(`${mail.subject}\n${mail.text}`);
  return lang === 'other' ? null : lang;
}

/** Follows a merged item to the one its work continues on (at most a few hops). */
async function liveItem(trx: Trx, feedbackId: string) {
  let [item] = await getFeedbackRecords(trx, [feedbackId]);
  for (let hops = 0; item && item.status === 'merged' && item.merged_into_id && hops < 5; hops++)
    [item] = await getFeedbackRecords(trx, [item.merged_into_id]);
  return item && item.status !== 'merged' ? item : undefined;
}

/**
 * Receives one raw message from a mailbox (IMAP) or the inbound SMTP listener. The raw MIME is always
 * kept as the intake original (`message/rfc822`), and in the same transaction one of:
 * - machine mail (auto-reply, bounce / delivery report, list or bulk mail) → `ignored`: no item, no reply;
 * - a reply carrying a token we signed (in the address we gave as Reply-To, or in our Message-ID echoed
 *   in In-Reply-To / References) → `appended` to that item as a customer message;
 * - anything else → `created`: a new item, channel `email`, the customer found or created by From.
 * A forged In-Reply-To naming another item, or a ticket number in the subject, never threads. The same
 * Message-ID from the same source is received once (later deliveries return the first outcome).
 */
export async function receiveEmail(
  deps: MailDeps,
  raw: Buffer,
  options: ReceiveOptions,
): Promise<ReceiveResult> {
  const source = options.via === 'imap' ? `imap:${options.mailboxId ?? 'unknown'}` : 'smtp';
  let mail: ParsedEmail | null = null;
  let parseError: string | null = null;
  try {
    mail = await parseEmail(raw, { envelopeFrom: options.envelopeFrom ?? null });
  } catch (error) {
    parseError = error instanceof Error ? error.message : String(error);
  }
  const messageKey = mail?.messageId ?? mail?.rawHash ?? `unparsed:${raw.length}`;
  const existing = await repo.findInbound(deps.database.db, source, messageKey);
  if (existing) return duplicateOf(existing);
  const target = mail ? await threadTarget(deps, mail, options.envelopeTo ?? []) : null;

  const original: Original = {
    channel: 'email',
    source: options.via === 'imap' ? `email:imap:${options.mailboxId ?? ''}` : 'email:smtp',
    sourceRef: null,
    contentType: 'message/rfc822',
    body: raw,
    remoteIp: options.remoteIp ?? null,
  };

  // Files are stored (and fsynced) before the transaction that inserts their rows; machine mail keeps none.
  const prepared =
    mail && !mail.automated
      ? await prepareMailAttachments(deps, mail)
      : { files: [], notes: [] as AttachmentNote[] };
  try {
    const result = await writeWithRetry(async (trx) => {
      const again = await repo.findInbound(trx, source, messageKey);
      if (again) return duplicateOf(again);
      const at = nowIso(deps.clock);
      const inbound = {
        id: newId(),
        source,
        message_key: messageKey,
        message_id: mail?.messageId ?? null,
        references: mail ? [...mail.references, ...mail.inReplyTo].join(' ').slice(0, 8000) || null : null,
        from_address: mail?.from?.address ?? null,
        subject: mail ? clip(mail.subject, 500) : null,
        received_at: at,
      };
      const finish = async (
        outcome: MailOutcome,
        extra: {
          reason?: string | null;
          feedbackId?: string | null;
          customerId?: string | null;
          messageId?: string | null;
        },
      ): Promise<ReceiveResult> => {
        const submissionId = await recordSubmission(trx, {
          original,
          at,
          actor: MAIL_ACTOR,
          outcome,
          feedbackId: extra.feedbackId ?? null,
          customerId: extra.customerId ?? null,
          error: outcome === 'rejected' || outcome === 'ignored' ? { reason: extra.reason ?? null } : null,
        });
        await repo.insertInbound(trx, {
          ...inbound,
          outcome,
          reason: extra.reason ?? null,
          submission_id: submissionId,
          feedback_id: extra.feedbackId ?? null,
          feedback_message_id: extra.messageId ?? null,
        });
        return {
          outcome,
          duplicate: false,
          feedbackId: extra.feedbackId ?? null,
          reason: extra.reason ?? null,
        };
      };

      if (!mail) return finish('rejected', { reason: `unparseable: ${parseError ?? 'unknown'}` });
      if (mail.automated) return finish('ignored', { reason: mail.automated });

      if (target) {
        const item = await liveItem(trx, target);
        if (item) {
          const body = clip(
            stripQuoted(mail.text) || mail.text || mail.subject || '（空邮件）(empty message)',
            MAX_DESCRIPTION,
          );
          const { message } = await addMessage({
            trx,
            actor: MAIL_ACTOR,
            at,
            ip: options.remoteIp ?? null,
            feedbackId: item.id,
            kind: 'customer',
            body,
            channel: 'email',
            attachments: prepared.files,
          });
          return finish('appended', {
            feedbackId: item.id,
            customerId: item.customer_id,
            messageId: message.id,
          });
        }
      }

      if (!mail.from) return finish('rejected', { reason: 'no sender address' });
      try {
        const record = await createFeedback({
          trx,
          actor: MAIL_ACTOR,
          at,
          ip: options.remoteIp ?? null,
          dialect: deps.database.dialect,
          timeZone: deps.config.businessTimeZone,
          input: {
            description: descriptionOf(mail),
            subject: mail.subject ? clip(mail.subject, 500) : null,
            channel: 'email',
            language: languageOf(mail),
            occurredAt: mail.date,
            customer: { email: mail.from.address, ...(mail.from.name ? { name: mail.from.name } : {}) },
            customFields: {
              email: {
                messageId: mail.messageId,
                // The sanitised HTML body for display (the raw original keeps it when it is larger).
                html: mail.html !== null && mail.html.length <= MAX_HTML ? mail.html : null,
                attachments: prepared.notes,
              },
            },
            attachments: prepared.files,
            submittedByCustomer: true,
          },
        });
        return finish('created', { feedbackId: record.id, customerId: record.customer_id });
      } catch (error) {
        // A From address the customers module refuses (malformed): kept, but no item.
        if (error instanceof AppError && error.code === 'invalid_email')
          return finish('rejected', { reason: `invalid sender address: ${mail.from.address}` });
        throw error;
      }
    });
    // Files only stay when their rows committed with an item or message.
    if (result.duplicate || (result.outcome !== 'created' && result.outcome !== 'appended'))
      await discardPreparedAttachments(deps.config, prepared.files);
    return result;
  } catch (error) {
    await discardPreparedAttachments(deps.config, prepared.files);
    throw error;
  }

  /** One write transaction; a unique violation (the same message delivered concurrently) runs it again. */
  async function writeWithRetry(work: (trx: Trx) => Promise<ReceiveResult>): Promise<ReceiveResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.database.write(work);
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }
}

function duplicateOf(row: repo.InboundRow): ReceiveResult {
  return {
    outcome: row.outcome as MailOutcome,
    duplicate: true,
    feedbackId: row.feedback_id,
    reason: row.reason,
  };
}
