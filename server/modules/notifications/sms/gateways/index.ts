import type { SmsGateway, SmsSettings } from '../gateway.js';
import { aliyunGateway } from './aliyun.js';
import { httpGateway } from './http.js';
import { tencentGateway } from './tencent.js';

/** The configured gateway, or null when SMS_PROVIDER is unset (then nothing is sent). Throws on missing settings. */
export function createGateway(settings: SmsSettings, now: () => Date): SmsGateway | null {
  switch (settings.provider) {
    case 'http':
      return httpGateway(settings, now);
    case 'aliyun':
      return aliyunGateway(settings, now);
    case 'tencent':
      return tencentGateway(settings, now);
    default:
      return null;
  }
}
