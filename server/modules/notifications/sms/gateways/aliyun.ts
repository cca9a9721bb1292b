import { createHmac, randomUUID } from 'node:crypto';
import {
  readJson,
  requireSetting,
  SMS_REQUEST_TIMEOUT_MS,
  type SmsGateway,
  type SmsSettings,
} from '../gateway.js';

export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/**
 * Aliyun's percent-encoding for signing: UTF-8, only A-Z a-z 0-9 - _ . ~ left as they are, space as %20
 * (never +), upper-case hex. encodeURIComponent leaves ! ' ( ) * too, so those are encoded after it.
 */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * RPC-style signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as Aliyun documents it
 * (https://help.aliyun.com/en/document_detail/130769.html, "Signature mechanism"): sort every parameter but
 * Signature by name, join `encode(name)=encode(value)` with `&` into the canonicalised query, then
 * StringToSign = METHOD & encode("/") & encode(canonicalised query), and Signature = Base64(HMAC-SHA1(key =
 * AccessKeySecret + "&", StringToSign)).
 */
export function aliyunStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k] ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
}

export function aliyunSignature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Aliyun wants mainland numbers without the country code, others as country code + number, no `+`. */
export function aliyunPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}

/** Aliyun SMS (dysmsapi 2017-05-25, Action SendSms), signed RPC parameters POSTed as a form. */
export function aliyunGateway(settings: SmsSettings, now: () => Date): SmsGateway {
  const accessKeyId = requireSetting(settings.accessKeyId, 'SMS_ACCESS_KEY_ID', 'aliyun');
  const secret = requireSetting(settings.accessKeySecret, 'SMS_ACCESS_KEY_SECRET', 'aliyun');
  const signName = requireSetting(settings.signName, 'SMS_SIGN_NAME', 'aliyun');
  const templates = {
    code: requireSetting(settings.templateCode, 'SMS_TEMPLATE_CODE', 'aliyun'),
    notice: requireSetting(settings.templateNotice, 'SMS_TEMPLATE_NOTICE', 'aliyun'),
    reply: settings.templateReply ?? '',
  };
  const url = settings.endpoint ?? ALIYUN_ENDPOINT;
  return {
    provider: 'aliyun',
    async send(message) {
      if (!templates[message.template]) throw new Error('SMS_TEMPLATE_REPLY is not configured');
      const params: Record<string, string> = {
        AccessKeyId: accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: message.id,
        PhoneNumbers: aliyunPhoneNumber(message.to),
        RegionId: settings.region ?? 'cn-hangzhou',
        SignName: signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templates[message.template],
        TemplateParam: JSON.stringify(message.params),
        Timestamp: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      params.Signature = aliyunSignature(secret, aliyunStringToSign('POST', params));
      const body = Object.entries(params)
        .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
        .join('&');
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(SMS_REQUEST_TIMEOUT_MS),
      });
      const answer = (await readJson(response)) as { Code?: string; Message?: string; BizId?: string };
      if (!response.ok || answer.Code !== 'OK')
        throw new Error(`aliyun ${answer.Code ?? `HTTP ${response.status}`}: ${answer.Message ?? ''}`.trim());
      return { messageId: answer.BizId ?? null };
    },
  };
}
