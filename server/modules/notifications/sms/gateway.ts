/** The cloud providers' templates: tracking code, status notice, agent's reply (optional). */
export type SmsTemplate = 'code' | 'notice' | 'reply';

/** One SMS handed to a gateway. */
export interface SmsMessage {
  /** Our record's id (an idempotency key for gateways that take one). */
  id: string;
  /** E.164, e.g. `+8613800138000`. */
  to: string;
  /** The full text (generic HTTP gateways send it as is). */
  text: string;
  /** Which configured template a cloud provider uses. */
  template: SmsTemplate;
  /** The template's parameters, in the template's order (Tencent takes them positionally). */
  params: Record<string, string>;
}

export interface SmsSendResult {
  /** The provider's id of the message (BizId, SerialNo, …), when it gives one. */
  messageId: string | null;
}

/** An SMS provider. `send` resolves when the provider accepted the message and throws otherwise. */
export interface SmsGateway {
  readonly provider: 'http' | 'aliyun' | 'tencent';
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** SMS settings (env `SMS_*`, see README); `provider` undefined = no gateway, nothing is sent. */
export interface SmsSettings {
  provider: 'http' | 'aliyun' | 'tencent' | undefined;
  /** Overrides the provider's API address (a regional endpoint, or a test server). */
  endpoint: string | undefined;
  httpUrl: string | undefined;
  /** JSON body template of the generic gateway; `{{to}}`, `{{text}}`, `{{template}}`, `{{id}}`, `{{params}}`. */
  httpBody: string | undefined;
  /** When set, the generic gateway's requests carry an HMAC-SHA256 signature. */
  httpSecret: string | undefined;
  accessKeyId: string | undefined;
  accessKeySecret: string | undefined;
  signName: string | undefined;
  /** Tencent's SmsSdkAppId. */
  sdkAppId: string | undefined;
  region: string | undefined;
  templateCode: string | undefined;
  templateNotice: string | undefined;
  /** Template of agents' replies (number, content, url); without it replies go out on the notice template. */
  templateReply: string | undefined;
}

/** Per request to the provider. */
export const SMS_REQUEST_TIMEOUT_MS = 10_000;

/** Reads a provider's answer body as JSON, or throws with the status and the start of the text. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}

/**
 * The template an agent's reply goes out on: its own when the provider takes free text (generic HTTP) or a
 * reply template is configured, else the notice template ("new reply" as the status).
 */
export function replyTemplate(settings: Pick<SmsSettings, 'provider' | 'templateReply'>): 'reply' | 'notice' {
  return settings.provider === 'http' || settings.templateReply ? 'reply' : 'notice';
}

export function requireSetting(value: string | undefined, name: string, provider: string): string {
  if (!value) throw new Error(`Invalid configuration:\n  ${name}: required when SMS_PROVIDER=${provider}`);
  return value;
}
