import { nowIso } from '../../../../platform/db/ids.js';
import type { DomainEvent } from '../../../../platform/events/outbox.js';
import type { JobHandler } from '../../../../platform/jobs/queue.js';
import { getCustomerContact } from '../../../customers/index.js';
import { getFeedbackMessage, getFeedbackRecords } from '../../../feedback/index.js';
import { recipientLimitReason } from '../../../notifications/index.js';
import { agentReply, loadOverrides, renderAcknowledgement } from '../../../templates/index.js';
import { parseSender } from '../addresses.js';
import type { SendJob } from '../commands/queue-mail.js';
import { queueMail } from '../commands/queue-mail.js';
import { runSendAttempt, type SendDeps } from '../commands/send-mail.js';
import { ACKS_PER_ADDRESS_PER_HOUR } from '../mail.events.js';
import * as repo from '../mail.repository.js';
import { issueToken, tokenSecret } from '../token.js';

function trackingUrl(deps: SendDeps, number: string): string {
  const base = deps.config.publicIntake.baseUrl ?? `http://${deps.config.host}:${deps.config.port}`;
  return `${base}/track/${encodeURIComponent(number)}`;
}

function chain(row: repo.InboundRow | undefined): { inReplyTo: string | null; references: string[] } {
  if (!row?.message_id) return { inReplyTo: null, references: [] };
  return { inReplyTo: row.message_id, references: row.references ? row.references.split(' ') : [] };
}

/**
 * Job `mail.acknowledge` (on feedback.created): an item created from a customer's email gets one
 * acknowledgement with its ticket number and tracking link, marked Auto-Submitted so autoresponders stay
 * quiet. Mail that was itself automatic never creates an item, so it is never acknowledged (no loops).
 */
export function acknowledgeHandler(deps: SendDeps): JobHandler {
  return async (payload) => {
    const event = payload.event as DomainEvent;
    if (event.payload.channel !== 'email') return;
    const { db } = deps.database;
    const inbound = await repo.findCreatingMail(db, event.aggregateId);
    if (!inbound?.from_address) return;
    const [item] = await getFeedbackRecords(db, [event.aggregateId]);
    if (!item) return;
    const contact = item.customer_id ? await getCustomerContact(db, item.customer_id) : undefined;
    if (contact?.erased) return;
    const secret = await tokenSecret(db, deps.clock);
    // The admin's text when one is saved (message templates), else the default.
    const mail = renderAcknowledgement(
      {
        locale: contact?.locale ?? null,
        number: item.number,
        trackingUrl: trackingUrl(deps, item.number),
        originalSubject: item.subject,
      },
      await loadOverrides(db, 'mail_acknowledgement', 'email'),
    );
    const to = inbound.from_address;
    const hourAgo = new Date(deps.clock().getTime() - 3_600_000).toISOString();
    await deps.database.write(async (trx) => {
      const recent = await repo.countAcksTo(trx, to, hourAgo);
      const skipReason = recipientLimitReason(
        { lastHour: recent },
        { perHour: ACKS_PER_ADDRESS_PER_HOUR },
        'acknowledgement',
      );
      return queueMail(trx, deps.queue, {
        purpose: 'ack',
        refId: item.id,
        feedbackId: item.id,
        to,
        mail,
        sender: parseSender(deps.config.mail.from),
        token: issueToken(secret, item.id),
        ...chain(inbound),
        autoSubmitted: true,
        at: nowIso(deps.clock),
        ...(skipReason ? { skipReason } : {}),
      });
    });
  };
}

/**
 * Job `mail.reply` (on feedback.message_added): an agent's public reply (never an internal note) on an
 * item whose customer has an email address is mailed to them, in the thread of their last mail, with a
 * Reply-To and Message-ID that carry the item's signed token.
 */
export function replyHandler(deps: SendDeps): JobHandler {
  return async (payload) => {
    const event = payload.event as DomainEvent;
    if (event.payload.kind !== 'agent' || typeof event.payload.messageId !== 'string') return;
    const { db } = deps.database;
    const message = await getFeedbackMessage(db, event.payload.messageId);
    if (message?.kind !== 'agent') return;
    const [item] = await getFeedbackRecords(db, [message.feedback_id]);
    if (!item?.customer_id) return;
    const contact = await getCustomerContact(db, item.customer_id);
    if (!contact?.email || contact.erased) return;
    const secret = await tokenSecret(db, deps.clock);
    const last = await repo.lastCustomerMail(db, item.id);
    const mail = agentReply({
      locale: contact.locale,
      number: item.number,
      trackingUrl: trackingUrl(deps, item.number),
      originalSubject: last?.subject ?? item.subject,
      body: message.body,
    });
    await deps.database.write((trx) =>
      queueMail(trx, deps.queue, {
        purpose: 'reply',
        refId: message.id,
        feedbackId: item.id,
        to: contact.email!,
        mail,
        sender: parseSender(deps.config.mail.from),
        token: issueToken(secret, item.id),
        ...chain(last),
        autoSubmitted: false,
        at: nowIso(deps.clock),
      }),
    );
  };
}

export function sendHandler(deps: SendDeps): JobHandler {
  return (payload) => runSendAttempt(deps, payload as unknown as SendJob);
}
