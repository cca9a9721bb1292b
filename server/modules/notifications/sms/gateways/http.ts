import { signHookPayload } from '../../../intake/index.js';
import {
  requireSetting,
  SMS_REQUEST_TIMEOUT_MS,
  type SmsGateway,
  type SmsMessage,
  type SmsSettings,
} from '../gateway.js';

export const DEFAULT_HTTP_BODY = '{"to":"{{to}}","text":"{{text}}"}';
export const SIGNATURE_HEADER = 'x-closeloop-signature';
export const TIMESTAMP_HEADER = 'x-closeloop-timestamp';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Fills the body template: a string that is exactly `{{params}}` becomes the params object; placeholders elsewhere are replaced. */
export function fillTemplate(template: Json, message: SmsMessage): Json {
  if (typeof template === 'string') {
    if (template === '{{params}}') return { ...message.params };
    return template.replace(
      /\{\{(to|text|template|id)\}\}/g,
      (_, key: 'to' | 'text' | 'template' | 'id') => message[key],
    );
  }
  if (Array.isArray(template)) return template.map((x) => fillTemplate(x, message));
  if (template && typeof template === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(template)) out[k] = fillTemplate(v, message);
    return out;
  }
  return template;
}

/**
 * Any HTTP SMS gateway: POSTs the JSON body template filled with the message to `SMS_HTTP_URL`. With
 * `SMS_HTTP_SECRET`, signs like inbound webhooks are checked: `X-Closeloop-Timestamp: <unix seconds>` and
 * `X-Closeloop-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. A 2xx answer is success (its
 * JSON `id` / `messageId`, if any, is kept); anything else fails the attempt.
 */
export function httpGateway(settings: SmsSettings, now: () => Date): SmsGateway {
  const url = requireSetting(settings.endpoint ?? settings.httpUrl, 'SMS_HTTP_URL', 'http');
  let template: Json;
  try {
    template = JSON.parse(settings.httpBody ?? DEFAULT_HTTP_BODY) as Json;
  } catch {
    throw new Error('Invalid configuration:\n  SMS_HTTP_BODY: not valid JSON');
  }
  return {
    provider: 'http',
    async send(message) {
      const body = JSON.stringify(fillTemplate(template, message));
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': message.id,
      };
      if (settings.httpSecret) {
        const timestamp = String(Math.floor(now().getTime() / 1000));
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] =
          `sha256=${signHookPayload(settings.httpSecret, Buffer.from(`${timestamp}.${body}`))}`;
      }
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(SMS_REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
      let messageId: string | null = null;
      try {
        const parsed = JSON.parse(text) as { id?: unknown; messageId?: unknown };
        const id = parsed.messageId ?? parsed.id;
        if (typeof id === 'string' || typeof id === 'number') messageId = String(id);
      } catch {
        // a non-JSON 2xx answer is still an acceptance
      }
      return { messageId };
    },
  };
}
