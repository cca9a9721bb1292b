import type { Locale } from '../../../../shared/enums.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { AppContext } from '../../../platform/http/context.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { getCustomerContact } from '../../customers/index.js';
import { getFeedbackMessage, getFeedbackRecords } from '../../feedback/index.js';
import { queueSms, replyTemplate, smsConfigured } from '../../notifications/sms/index.js';

/** Channels whose customers are not written to (history imports, platforms we cannot send on). */
const SILENT_CHANNELS = new Set(['import', 'social', 'review', 'app_store']);
/** The reply's text in the SMS: long replies are cut here and read in full on the tracking page. */
export const REPLY_SMS_CHARS = 280;
/** A cloud template's content variable (providers cap variables; Aliyun at 35 characters). */
export const REPLY_PARAM_CHARS = 30;

const CJK = /[\u3400-\u9fff]/;

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

export interface ReplySmsInput {
  locale: Locale | null;
  number: string;
  body: string;
  trackingUrl: string;
}

/**
 * An agent's reply as an SMS: the text (generic gateways send it as is) and the parameters of a cloud
 * provider's reply template (number, content, url) — or of the notice template (number, status, url) when no
 * reply template is configured. The customer's language, else the reply's own (Chinese when it has CJK).
 */
export function renderReplySms(
  n: ReplySmsInput,
  template: 'reply' | 'notice',
): { text: string; params: Record<string, string> } {
  const zh = (n.locale ?? (CJK.test(n.body) ? 'zh-CN' : 'en')) === 'zh-CN';
  const content = cut(n.body, REPLY_SMS_CHARS);
  const text = zh
    ? `【工单 ${n.number}】客服回复：${content} 查看详情：${n.trackingUrl}`
    : `Reply on ticket ${n.number}: ${content} Details: ${n.trackingUrl}`;
  const params: Record<string, string> =
    template === 'reply'
      ? { number: n.number, content: cut(n.body, REPLY_PARAM_CHARS), url: n.trackingUrl }
      : { number: n.number, status: zh ? '有新回复' : 'new reply', url: n.trackingUrl };
  return { text, params };
}

/**
 * Job `loop.reply-sms` (on feedback.message_added): an agent's public reply (never a note) to a customer who
 * has a phone number but no email address goes out by SMS when a gateway is configured — once per message
 * (the SMS row is unique on purpose + message id). Customers with an email get it by mail (the mail channel);
 * everyone reads it on the tracking page.
 */
export function replyBySmsHandler(ctx: AppContext): JobHandler {
  return async (payload) => {
    const event = payload.event as DomainEvent;
    if (event.payload.kind !== 'agent' || typeof event.payload.messageId !== 'string') return;
    if (!smsConfigured(ctx)) return;
    const { db } = ctx.database;
    const message = await getFeedbackMessage(db, event.payload.messageId);
    if (message?.kind !== 'agent' || !message.body.trim()) return;
    const [item] = await getFeedbackRecords(db, [message.feedback_id]);
    if (!item?.customer_id || SILENT_CHANNELS.has(item.channel)) return;
    const contact = await getCustomerContact(db, item.customer_id);
    if (!contact || contact.erased || contact.email || !contact.phone) return;
    const base = ctx.config.publicIntake.baseUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
    const template = replyTemplate(ctx.config.sms);
    const sms = renderReplySms(
      {
        locale: contact.locale,
        number: item.number,
        body: message.body,
        trackingUrl: `${base}/track/${encodeURIComponent(item.number)}`,
      },
      template,
    );
    const at = ctx.clock().toISOString();
    await ctx.database.write((trx) =>
      queueSms(trx, ctx.queue, {
        purpose: 'agent_reply',
        refId: message.id,
        feedbackId: item.id,
        to: contact.phone ?? '',
        template,
        params: sms.params,
        text: sms.text,
        at,
      }),
    );
  };
}
