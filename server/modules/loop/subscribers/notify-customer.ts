import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { AppContext } from '../../../platform/http/context.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { getCustomerContact } from '../../customers/index.js';
import { FEEDBACK_EVENTS, getFeedbackRecords } from '../../feedback/index.js';
import { getUserSummaries } from '../../identity/index.js';
import { customerMailer } from '../../intake/mail/index.js';
import { queueSms, smsConfigured } from '../../notifications/sms/index.js';
import {
  loadOverrides,
  type NoticeKind,
  renderNoticeMail,
  renderNoticeSmsWith,
} from '../../templates/index.js';
import { ratingLinkToken } from '../queries/rating-link.js';
import { customerLimitReason } from '../recipient-budget.js';

/** Channels whose customers are not written to: legacy imports (history, not news) and gateways we cannot send on. */
const SILENT_CHANNELS = new Set(['import', 'social', 'review', 'app_store']);

interface Decided {
  kind: NoticeKind;
  assigneeId?: string | null;
  closure?: { rootCause: string; remedy: string; prevention: string } | null;
}

function decide(event: DomainEvent): Decided | null {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case FEEDBACK_EVENTS.created:
      return { kind: 'accepted' };
    case FEEDBACK_EVENTS.assigned: {
      const assignee = p.assignee as { from?: string | null; to?: string | null } | undefined;
      return assignee?.to && assignee.to !== assignee.from
        ? { kind: 'assigned', assigneeId: assignee.to }
        : null;
    }
    case FEEDBACK_EVENTS.triaged: {
      const changed = Array.isArray(p.changed) ? p.changed : [];
      return changed.includes('assigneeId') && typeof p.assigneeId === 'string'
        ? { kind: 'assigned', assigneeId: p.assigneeId }
        : null;
    }
    case FEEDBACK_EVENTS.statusChanged: {
      const to = p.to;
      if (to === 'resolved') return { kind: 'resolved', closure: (p.closure as Decided['closure']) ?? null };
      if (to === 'reopened' || to === 'closed') return { kind: to };
      return null;
    }
    default:
      return null;
  }
}

/** The events a customer hears about, each handled by its own job (one mail per event: purpose + event id). */
export const NOTICE_EVENTS = [
  FEEDBACK_EVENTS.created,
  FEEDBACK_EVENTS.assigned,
  FEEDBACK_EVENTS.triaged,
  FEEDBACK_EVENTS.statusChanged,
] as const;

/**
 * Tells the customer about the key moments of their ticket — accepted with its number, assigned (handler's
 * display name), resolved (with the closure letter and a request to rate), reopened, closed — by email when
 * the customer has one. Once per event (the mail row is unique on purpose + event id, so a redelivered job
 * sends nothing more). Items that came by email are acknowledged by the mail channel itself.
 */
export function notifyCustomerHandler(ctx: AppContext): JobHandler {
  const mailer = customerMailer(ctx);
  return async (payload) => {
    const event = payload.event as DomainEvent;
    const decided = decide(event);
    if (!decided) return;
    const { db } = ctx.database;
    const [item] = await getFeedbackRecords(db, [event.aggregateId]);
    if (!item?.customer_id || SILENT_CHANNELS.has(item.channel)) return;
    if (decided.kind === 'accepted' && item.channel === 'email') return;
    const contact = await getCustomerContact(db, item.customer_id);
    if (!contact || contact.erased) return;
    // By email when the customer has one, else by SMS when they have a phone and a gateway is configured.
    const bySms = !contact.email && contact.phone !== null && smsConfigured(ctx);
    if (!contact.email && !bySms) return;
    const handlerName = decided.assigneeId
      ? ((await getUserSummaries(db, [decided.assigneeId])).get(decided.assigneeId)?.name ?? null)
      : null;
    const base = ctx.config.publicIntake.baseUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
    // The signed rating link names this resolution round; none once the item has moved on (rated, reopened).
    const ratingToken =
      decided.kind === 'resolved' && item.status === 'resolved' && item.resolved_at
        ? await ratingLinkToken(ctx, { feedbackId: item.id, resolvedAt: item.resolved_at })
        : null;

    const notice = {
      kind: decided.kind,
      locale: contact.locale,
      number: item.number,
      trackingUrl: `${base}/track/${encodeURIComponent(item.number)}`,
      handlerName,
      closure: decided.closure ?? null,
      ratingUrl: ratingToken
        ? `${base}/rate/${encodeURIComponent(item.number)}?t=${encodeURIComponent(ratingToken)}`
        : null,
    };
    // The admins' texts for this kind and channel when saved (message templates), else the defaults.
    const overrides = await loadOverrides(db, decided.kind, bySms ? 'sms' : 'email');
    const send = bySms ? null : await mailer.prepare();
    const now = ctx.clock();
    const at = now.toISOString();
    await ctx.database.write(async (trx) => {
      const skipReason = await customerLimitReason(trx, ctx.config.customerMessageLimits, contact, now);
      const common = {
        purpose: 'customer_notice' as const,
        refId: event.id,
        feedbackId: item.id,
        at,
        ...(skipReason ? { skipReason } : {}),
      };
      if (send)
        return send(trx, { ...common, to: contact.email ?? '', mail: renderNoticeMail(notice, overrides) });
      const sms = renderNoticeSmsWith(notice, overrides);
      return queueSms(trx, ctx.queue, {
        ...common,
        to: contact.phone ?? '',
        template: 'notice',
        params: sms.params,
        text: sms.text,
      });
    });
  };
}
