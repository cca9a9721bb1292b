import { createHash, createHmac } from 'node:crypto';
import {
  readJson,
  requireSetting,
  SMS_REQUEST_TIMEOUT_MS,
  type SmsGateway,
  type SmsSettings,
} from '../gateway.js';

export const TENCENT_ENDPOINT = 'https://sms.tencentcloudapi.com/';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** `sms`, `cvm`, …: the product of the domain called. */
  service: string;
  /** The Host header as sent (with the port when not the default). */
  host: string;
  /** Unix seconds (X-TC-Timestamp). */
  timestamp: number;
  payload: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * TC3-HMAC-SHA256 (Tencent Cloud API signature v3) of a JSON POST to `/` with the headers content-type and
 * host signed, following https://www.tencentcloud.com/document/product/382/40467 ("Signature v3"):
 * CanonicalRequest → StringToSign (algorithm, timestamp, `<UTC date>/<service>/tc3_request`, its SHA-256) →
 * key derived by HMAC-SHA256 chain "TC3"+SecretKey → date → service → "tc3_request" → hex signature.
 */
export function tc3Authorization(r: Tc3Request): { authorization: string; stringToSign: string } {
  const date = new Date(r.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${r.host.toLowerCase()}\n`,
    signedHeaders,
    sha256Hex(r.payload),
  ].join('\n');
  const scope = `${date}/${r.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(r.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const signing = hmac(hmac(hmac(`TC3${r.secretKey}`, date), r.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `TC3-HMAC-SHA256 Credential=${r.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    stringToSign,
  };
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[];
  };
}

/** Tencent Cloud SMS: SendSms of API version 2021-01-11, signed with TC3-HMAC-SHA256. */
export function tencentGateway(settings: SmsSettings, now: () => Date): SmsGateway {
  const secretId = requireSetting(settings.accessKeyId, 'SMS_ACCESS_KEY_ID', 'tencent');
  const secretKey = requireSetting(settings.accessKeySecret, 'SMS_ACCESS_KEY_SECRET', 'tencent');
  const signName = requireSetting(settings.signName, 'SMS_SIGN_NAME', 'tencent');
  const sdkAppId = requireSetting(settings.sdkAppId, 'SMS_SDK_APP_ID', 'tencent');
  const templates = {
    code: requireSetting(settings.templateCode, 'SMS_TEMPLATE_CODE', 'tencent'),
    notice: requireSetting(settings.templateNotice, 'SMS_TEMPLATE_NOTICE', 'tencent'),
    reply: settings.templateReply ?? '',
  };
  const url = new URL(settings.endpoint ?? TENCENT_ENDPOINT);
  return {
    provider: 'tencent',
    async send(message) {
      if (!templates[message.template]) throw new Error('SMS_TEMPLATE_REPLY is not configured');
      const payload = JSON.stringify({
        PhoneNumberSet: [message.to],
        SmsSdkAppId: sdkAppId,
        SignName: signName,
        TemplateId: templates[message.template],
        TemplateParamSet: Object.values(message.params),
        SessionContext: message.id,
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const { authorization } = tc3Authorization({
        secretId,
        secretKey,
        service: 'sms',
        host: url.host,
        timestamp,
        payload,
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-timestamp': String(timestamp),
          'x-tc-version': '2021-01-11',
          'x-tc-region': settings.region ?? 'ap-guangzhou',
        },
        body: payload,
        signal: AbortSignal.timeout(SMS_REQUEST_TIMEOUT_MS),
      });
      const answer = ((await readJson(response)) as SendSmsAnswer).Response;
      if (answer?.Error)
        throw new Error(`tencent ${answer.Error.Code ?? ''}: ${answer.Error.Message ?? ''}`.trim());
      const status = answer?.SendStatusSet?.[0];
      if (!response.ok || status?.Code !== 'Ok')
        throw new Error(
          `tencent ${status?.Code ?? `HTTP ${response.status}`}: ${status?.Message ?? ''}`.trim(),
        );
      return { messageId: status.SerialNo ?? null };
    },
  };
}
