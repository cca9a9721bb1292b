import {
  MESSAGE_TEMPLATE_VARIABLES,
  type MessageTemplateChannel,
  type MessageTemplateKind,
} from '../../../shared/contracts/message-templates.js';
import type { Locale } from '../../../shared/enums.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import { fillTemplate } from '../canned/index.js';
import {
  acknowledgement,
  type NoticeInput,
  type RenderedMail,
  RULE,
  renderNotice,
  renderNoticeSms,
} from './defaults.js';
import { overridesOf } from './templates.repository.js';

/** An admin's text for one language: subject (email) and body with `{{variables}}`. */
export interface TemplateText {
  subject: string | null;
  body: string;
}
export type Overrides = Partial<Record<Locale, TemplateText>>;

const LOCALES_OF_UNKNOWN: Locale[] = ['zh-CN', 'en'];

/** The overrides saved for a kind on a channel, by language (none: the defaults are sent). */
export async function loadOverrides(
  db: DbOrTrx,
  kind: MessageTemplateKind,
  channel: MessageTemplateChannel,
): Promise<Overrides> {
  const out: Overrides = {};
  for (const row of await overridesOf(db, kind, channel))
    if (row.locale === 'zh-CN' || row.locale === 'en')
      out[row.locale] = { subject: row.subject, body: row.body };
  return out;
}

/** Placeholders standing for every variable, so a default rendered with them reads as its template. */
function placeholders(kind: MessageTemplateKind): Record<string, string> {
  return Object.fromEntries(MESSAGE_TEMPLATE_VARIABLES[kind].map((v) => [v, `{{${v}}}`]));
}

function noticeOf(
  kind: Exclude<MessageTemplateKind, 'mail_acknowledgement'>,
  locale: Locale,
  v: Record<string, string>,
): NoticeInput {
  return {
    kind,
    locale,
    number: v.number ?? '',
    trackingUrl: v.trackingUrl ?? '',
    handlerName: v.handlerName ?? null,
    closure:
      v['closure.rootCause'] !== undefined
        ? {
            rootCause: v['closure.rootCause'],
            remedy: v['closure.remedy'] ?? '',
            prevention: v['closure.prevention'] ?? '',
          }
        : null,
    ratingUrl: v.ratingUrl ?? null,
  };
}

/**
 * The default text of a kind, channel and language as a template (the code's default rendered with
 * `{{variable}}` placeholders): what an admin sees and edits, and what a reset goes back to.
 */
export function defaultTemplate(
  kind: MessageTemplateKind,
  channel: MessageTemplateChannel,
  locale: Locale,
): TemplateText {
  const v = placeholders(kind);
  if (kind === 'mail_acknowledgement') {
    const mail = acknowledgement({
      locale,
      number: v.number ?? '',
      trackingUrl: v.trackingUrl ?? '',
      originalSubject: v.originalSubject ?? null,
    });
    return { subject: mail.subject, body: mail.text };
  }
  const n = noticeOf(kind, locale, v);
  if (channel === 'sms') return { subject: null, body: renderNoticeSms(n).text };
  const mail = renderNotice(n);
  return { subject: mail.subject, body: mail.text };
}

/** Values for an override: the notice's, with neutral words where the notice has none. */
export function noticeValues(n: NoticeInput, locale: Locale): Record<string, string> {
  const zh = locale === 'zh-CN';
  return {
    number: n.number,
    trackingUrl: n.trackingUrl,
    handlerName: n.handlerName ?? (zh ? '客服专员' : 'our service team'),
    ratingUrl: n.ratingUrl ?? n.trackingUrl,
    'closure.rootCause': n.closure?.rootCause ?? '—',
    'closure.remedy': n.closure?.remedy ?? '—',
    'closure.prevention': n.closure?.prevention ?? '—',
  };
}

/** Fills an override's subject and body (a missing email subject falls back to the default's). */
export function fillText(
  text: TemplateText,
  fallbackSubject: string | null,
  values: Readonly<Record<string, string>>,
): { subject: string | null; text: string } {
  return {
    subject: text.subject !== null ? fillTemplate(text.subject, values) : fallbackSubject,
    text: fillTemplate(text.body, values),
  };
}

function combineMail(parts: RenderedMail[]): RenderedMail {
  if (parts.length === 1) return parts[0]!;
  return {
    subject: parts.map((p) => p.subject).join(' / '),
    text: parts.map((p) => p.text).join(`\n\n${RULE}\n\n`),
  };
}

/** A status notice by email in the customer's language (both when unknown), the admin's text where there is one. */
export function renderNoticeMail(n: NoticeInput, overrides: Overrides): RenderedMail {
  const locales = n.locale ? [n.locale] : LOCALES_OF_UNKNOWN;
  if (!locales.some((l) => overrides[l])) return renderNotice(n);
  return combineMail(
    locales.map((locale) => {
      const fallback = renderNotice({ ...n, locale });
      const o = overrides[locale];
      if (!o) return fallback;
      const filled = fillText(o, fallback.subject, noticeValues(n, locale));
      return { subject: filled.subject ?? fallback.subject, text: filled.text };
    }),
  );
}

/** A status notice by SMS: the text from the admin's template where there is one; provider parameters unchanged. */
export function renderNoticeSmsWith(
  n: NoticeInput,
  overrides: Overrides,
): { text: string; params: Record<string, string> } {
  const base = renderNoticeSms(n);
  const locales = n.locale ? [n.locale] : LOCALES_OF_UNKNOWN;
  if (!locales.some((l) => overrides[l])) return base;
  const text = locales
    .map((locale) => {
      const o = overrides[locale];
      return o ? fillTemplate(o.body, noticeValues(n, locale)) : renderNoticeSms({ ...n, locale }).text;
    })
    .join('\n');
  return { text, params: base.params };
}

export interface AcknowledgementInput {
  locale: Locale | null;
  number: string;
  trackingUrl: string;
  originalSubject: string | null;
}

/** The acknowledgement of an item received by email, the admin's text where there is one. */
export function renderAcknowledgement(a: AcknowledgementInput, overrides: Overrides): RenderedMail {
  const locales = a.locale ? [a.locale] : LOCALES_OF_UNKNOWN;
  if (!locales.some((l) => overrides[l])) return acknowledgement(a);
  return combineMail(
    locales.map((locale) => {
      const fallback = acknowledgement({ ...a, locale });
      const o = overrides[locale];
      if (!o) return fallback;
      const values = {
        number: a.number,
        trackingUrl: a.trackingUrl,
        originalSubject: a.originalSubject ?? (locale === 'zh-CN' ? '（无主题）' : '(no subject)'),
      };
      const filled = fillText(o, fallback.subject, values);
      return { subject: filled.subject ?? fallback.subject, text: filled.text };
    }),
  );
}

/** Sample values for previews, in the preview's language. */
export function sampleValues(kind: MessageTemplateKind, locale: Locale): Record<string, string> {
  const zh = locale === 'zh-CN';
  const all: Record<string, string> = {
    number: 'FB-20261123-000042',
    trackingUrl: 'https://example.com/track/FB-20261123-000042',
    handlerName: zh ? '王小明' : 'Alex Wang',
    ratingUrl: 'https://example.com/rate/FB-20261123-000042?t=sample',
    'closure.rootCause': zh ? '系统升级导致扣款重复' : 'A system upgrade charged twice',
    'closure.remedy': zh ? '已退还重复扣款' : 'The duplicate charge was refunded',
    'closure.prevention': zh ? '升级前增加对账检查' : 'A reconciliation check before upgrades',
    originalSubject: zh ? '信用卡重复扣款' : 'Card charged twice',
  };
  return Object.fromEntries(MESSAGE_TEMPLATE_VARIABLES[kind].map((v) => [v, all[v] ?? '']));
}
