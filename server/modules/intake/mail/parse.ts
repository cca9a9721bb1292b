import { createHash } from 'node:crypto';
import { type AddressObject, type HeaderLines, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

export interface MailAttachment {
  fileName: string;
  contentType: string;
  size: number;
  /** Inline part referenced from the HTML (cid: image), rather than a file attached by the sender. */
  inline: boolean;
  contentId: string | null;
  content: Buffer;
}

/** What we use of a received message, decoded (mailparser handles GBK, Big5, ISO-2022-JP, encoded words…). */
export interface ParsedEmail {
  /** Message-ID with its angle brackets, or null when absent. */
  messageId: string | null;
  /** `sha256:<hex>` of the raw message: the dedupe key of a message without Message-ID. */
  rawHash: string;
  inReplyTo: string[];
  references: string[];
  from: { address: string; name: string | null } | null;
  /** Addresses it was sent to (To, Cc, Delivered-To, X-Original-To), lower-cased. */
  recipients: string[];
  subject: string;
  text: string;
  /** The HTML body with scripts, styles, event handlers and remote content stripped. */
  html: string | null;
  attachments: MailAttachment[];
  /** Why it is machine-generated (auto-reply, bounce, list mail), or null for mail from a person. */
  automated: string | null;
  date: string | null;
}

const HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']),
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Inline images stay referenced by cid: (kept as attachments); remote images would be tracking pixels.
  allowedSchemesByTag: { img: ['cid'] },
  allowProtocolRelative: false,
};

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, HTML_OPTIONS);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of an HTML body (for HTML-only mail that mailparser left without a text part). */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n');
  const stripped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The body of a message whose MIME structure could not be followed (e.g. multipart without a boundary),
 * read as text: UTF-8 when valid, else GB18030 (what Chinese clients write).
 */
function rawBodyText(raw: Buffer): string {
  const text = raw.toString('latin1');
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  const start = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : raw.length;
  const body = raw.subarray(start);
  for (const charset of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(charset, { fatal: true }).decode(body).replace(/\r\n/g, '\n').trim();
    } catch {
      // try the next charset
    }
  }
  return body.toString('latin1').trim();
}

function idList(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  return all.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.address) out.push(e.address.toLowerCase());
      if (e.group) walk(e.group);
    }
  };
  for (const a of list) walk(a.value);
  return out;
}

function rawHeader(lines: HeaderLines, key: string): string[] {
  return lines.filter((l) => l.key === key).map((l) => l.line.slice(l.line.indexOf(':') + 1).trim());
}

/**
 * Why a message was sent by a machine, from its headers (RFC 3834 Auto-Submitted, Precedence, the
 * common X-Autoreply/X-Autorespond, RFC 3464 delivery reports, mailer daemons and the null sender).
 */
export function automationReason(
  lines: HeaderLines,
  options: { envelopeFrom?: string | null } = {},
): string | null {
  const first = (key: string) => rawHeader(lines, key)[0];
  const autoSubmitted = first('auto-submitted')?.toLowerCase().split(';')[0]?.trim();
  if (autoSubmitted && autoSubmitted !== 'no') return `auto-submitted: ${autoSubmitted}`;
  const precedence = first('precedence')?.toLowerCase().trim();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `precedence: ${precedence}`;
  for (const key of ['x-autoreply', 'x-autorespond']) if (first(key) !== undefined) return key;
  if (rawHeader(lines, 'list-id').length > 0 || rawHeader(lines, 'list-unsubscribe').length > 0)
    return 'mailing list';
  const contentType = (first('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('multipart/report')) return 'delivery report (multipart/report)';
  const returnPath = rawHeader(lines, 'return-path');
  if (returnPath.some((v) => v.replace(/\s/g, '') === '<>')) return 'null return path';
  if (options.envelopeFrom === '') return 'null envelope sender';
  const from = (first('from') ?? '').toLowerCase();
  if (/\b(mailer-daemon|postmaster)@/.test(from)) return 'mailer daemon';
  return null;
}

/** Parses one raw RFC 5322 message. */
export async function parseEmail(
  raw: Buffer,
  options: { envelopeFrom?: string | null } = {},
): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { keepCidLinks: true });
  const lines = mail.headerLines;
  const fromEntry = mail.from?.value.find((v) => v.address);
  const recipients = [
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...rawHeader(lines, 'delivered-to').map((v) => v.toLowerCase()),
    ...rawHeader(lines, 'x-original-to').map((v) => v.toLowerCase()),
  ];
  const messageId = idList(mail.messageId)[0] ?? null;
  const html = mail.html ? sanitizeMailHtml(mail.html) : null;
  let text = (mail.text ?? '').replace(/\r\n/g, '\n').trim();
  if (!text && html) text = htmlToText(html);
  if (!text && !html && mail.attachments.length === 0) text = rawBodyText(raw);
  return {
    messageId,
    rawHash: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    inReplyTo: idList(mail.inReplyTo),
    references: idList(mail.references),
    from: fromEntry?.address
      ? { address: fromEntry.address.toLowerCase(), name: fromEntry.name?.trim() || null }
      : null,
    recipients,
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    text,
    html,
    attachments: mail.attachments.map((a) => ({
      fileName: a.filename ?? (a.cid ? `inline-${a.cid}` : 'attachment'),
      contentType: a.contentType,
      size: a.size,
      inline: a.related === true || a.contentDisposition === 'inline',
      contentId: a.cid ?? null,
      content: a.content,
    })),
    automated: automationReason(lines, options),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
  };
}
