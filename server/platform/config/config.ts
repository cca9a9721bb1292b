import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/closeloop.db'),
  REDIS_URL: z.string().optional(),
  CLOSELOOP_DATA_DIR: z.string().min(1).default('./data'),
  SERVICES: z.string().default('web,worker,scheduler'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .transform((v) => (v === 'auto' ? 'auto' : v === 'true')),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  BUSINESS_TIME_ZONE: z.string().default('Asia/Shanghai'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_INBOUND_MAX_BYTES: z.coerce.number().int().positive().default(26_214_400),
  PUBLIC_BASE_URL: z.url().optional(),
  PUBLIC_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(65_536),
  PUBLIC_RATE_LIMIT_IP: z.coerce.number().int().positive().default(30),
  PUBLIC_RATE_LIMIT_CONTACT: z.coerce.number().int().positive().default(5),
  PUBLIC_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  CAPTCHA_SECRET: z.string().optional(),
  CAPTCHA_VERIFY_URL: z.url().default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
  WIDGET_ALLOWED_ORIGINS: z.string().default(''),
  RESOLUTION_CONFIRM_DAYS: z.coerce.number().positive().max(365).default(7),
  FOLLOW_UP_DAYS: z.coerce.number().positive().max(365).default(30),
  COMPANY_NAME: z.string().trim().max(200).default(''),

  SMS_PROVIDER: z.enum(['http', 'aliyun', 'tencent', '']).optional(),
  SMS_ENDPOINT: z.url().optional(),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_BODY: z.string().optional(),
  SMS_HTTP_SECRET: z.string().optional(),
  SMS_ACCESS_KEY_ID: z.string().optional(),
  SMS_ACCESS_KEY_SECRET: z.string().optional(),
  SMS_SIGN_NAME: z.string().optional(),
  SMS_SDK_APP_ID: z.string().optional(),
  SMS_REGION: z.string().optional(),
  SMS_TEMPLATE_CODE: z.string().optional(),
  SMS_TEMPLATE_NOTICE: z.string().optional(),
  SMS_TEMPLATE_REPLY: z.string().optional(),
  CUSTOMER_MESSAGES_PER_HOUR: z.coerce.number().int().positive().default(6),
  CUSTOMER_MESSAGES_PER_DAY: z.coerce.number().int().positive().default(20),
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOKS_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(10_485_760),
  ATTACHMENT_MAX_COUNT: z.coerce.number().int().positive().max(50).default(5),
  ATTACHMENT_UPLOAD_TTL_HOURS: z.coerce.number().positive().default(24),
  DUPLICATE_WINDOW_DAYS: z.coerce.number().int().positive().default(30),
  DUPLICATE_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.4),
  WEB_DIST_DIR: z.string().min(1).optional(),
});

export type Service = 'web' | 'worker' | 'scheduler';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  dataDir: string;
  services: Set<Service>;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  sessionTtlHours: number;
  /** Login attempts allowed per IP and email within 15 minutes. */
  loginRateLimit: number;
  cookieSecure: boolean | 'auto';
  bodyLimitBytes: number;
  businessTimeZone: string;
  /** Public submission API (portal, widget): see server/modules/intake. */
  publicIntake: {
    /** Origin of tracking links (`{base}/track/{number}`); the request's own origin when unset. */
    baseUrl: string | undefined;
    bodyLimitBytes: number;
    /** Submissions allowed per client IP, and per contact (email or phone), within the window. */
    rateLimitPerIp: number;
    rateLimitPerContact: number;
    rateLimitWindowSeconds: number;
    /** When set, a CAPTCHA token is required and checked against `captchaVerifyUrl`. */
    captchaSecret: string | undefined;
    captchaVerifyUrl: string;
  };
  /** Origins whose pages may embed the widget / call the public API (plus those admins add in the settings). */
  widgetAllowedOrigins: string[];
  /** Days a resolved item waits for the customer's confirmation before it is closed without rating. */
  resolutionConfirmDays: number;
  /** Days after a major complaint's closure its follow-up visit is due. */
  followUpDays: number;
  /** The company's name on customer documents (closure letter); empty = none. */
  companyName: string;
  /** Email channel: see server/modules/intake/mail. */

  mail: {
    /** Outgoing SMTP server (`smtp://host:port`, `smtps://user:pass@host`); nothing is sent when unset. */
    smtpUrl: string | undefined;
    /** Sender of our mail (`"Support" <support@example.com>`); its domain carries the threading addresses. */
    from: string;
    /** Port of the inbound SMTP listener on HOST (started with the web service); off when unset. */
    inboundPort: number | undefined;
    /** Largest message the listener accepts, in bytes (552 beyond it). */
    inboundMaxBytes: number;
  };
  /** Outgoing SMS gateway: see server/modules/notifications/sms; nothing is sent when `provider` is unset. */
  sms: {
    provider: 'http' | 'aliyun' | 'tencent' | undefined;
    endpoint: string | undefined;
    httpUrl: string | undefined;
    httpBody: string | undefined;
    httpSecret: string | undefined;
    accessKeyId: string | undefined;
    accessKeySecret: string | undefined;
    signName: string | undefined;
    sdkAppId: string | undefined;
    region: string | undefined;
    templateCode: string | undefined;
    templateNotice: string | undefined;
    templateReply: string | undefined;
  };
  /** Automatic messages (notices, tracking codes; mail and SMS together) one customer may get per hour / day. */
  customerMessageLimits: { perHour: number; perDay: number };
  /** Outbound webhooks: see server/modules/webhooks. */
  webhooks: {
    /** Destinations on loopback/private networks allowed (the admin setting can also allow them). */
    allowPrivateDestinations: boolean;
    /** Consecutive failed attempts after which a subscription is disabled (unless the admin setting overrides). */
    maxConsecutiveFailures: number;
  };
  /** Attachments of items and messages: see server/modules/feedback/attachments. */
  attachments: {
    /** Largest file accepted, in bytes (413 attachment_too_large beyond it). */
    maxBytes: number;
    /** Files per submission or message. */
    maxCount: number;
    /** Hours a staged upload's token stays usable before the maintenance job deletes it. */
    uploadTtlHours: number;
  };
  /** Related / duplicate detection of new items: see server/modules/feedback/links. */
  duplicates: {
    /** How far back the same customer's open items are compared, in days. */
    windowDays: number;
    /** Cosine similarity at or above which two items are flagged as possible duplicates. */
    threshold: number;
  };
  /** The built web app served at `/` (`vite build` output; `web/dist` of this checkout by default). */
  webDistDir: string;
}

/** Reads configuration from the environment (and `.env` when present); throws on invalid values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { dotenv?: boolean } = {}): Config {
  if (options.dotenv !== false) loadDotenv({ quiet: true });
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const services = new Set<Service>();
  for (const s of e.SERVICES.split(',').map((x) => x.trim())) {
    if (s === 'web' || s === 'worker' || s === 'scheduler') services.add(s);
    else if (s) throw new Error(`Invalid configuration: SERVICES contains unknown service "${s}"`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL || undefined,
    dataDir: path.resolve(e.CLOSELOOP_DATA_DIR),
    services,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    businessTimeZone: e.BUSINESS_TIME_ZONE,
    publicIntake: {
      baseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, '') || undefined,
      bodyLimitBytes: e.PUBLIC_BODY_LIMIT_BYTES,
      rateLimitPerIp: e.PUBLIC_RATE_LIMIT_IP,
      rateLimitPerContact: e.PUBLIC_RATE_LIMIT_CONTACT,
      rateLimitWindowSeconds: e.PUBLIC_RATE_LIMIT_WINDOW_SECONDS,
      captchaSecret: e.CAPTCHA_SECRET || undefined,
      captchaVerifyUrl: e.CAPTCHA_VERIFY_URL,
    },
    widgetAllowedOrigins: parseOrigins(e.WIDGET_ALLOWED_ORIGINS),
    resolutionConfirmDays: e.RESOLUTION_CONFIRM_DAYS,
    followUpDays: e.FOLLOW_UP_DAYS,
    companyName: e.COMPANY_NAME,

    mail: {
      smtpUrl: e.SMTP_URL || undefined,
      from: e.MAIL_FROM || 'closeloop@localhost',
      inboundPort: e.SMTP_INBOUND_PORT,
      inboundMaxBytes: e.SMTP_INBOUND_MAX_BYTES,
    },
    sms: {
      provider: e.SMS_PROVIDER || undefined,
      endpoint: e.SMS_ENDPOINT || undefined,
      httpUrl: e.SMS_HTTP_URL || undefined,
      httpBody: e.SMS_HTTP_BODY || undefined,
      httpSecret: e.SMS_HTTP_SECRET || undefined,
      accessKeyId: e.SMS_ACCESS_KEY_ID || undefined,
      accessKeySecret: e.SMS_ACCESS_KEY_SECRET || undefined,
      signName: e.SMS_SIGN_NAME || undefined,
      sdkAppId: e.SMS_SDK_APP_ID || undefined,
      region: e.SMS_REGION || undefined,
      templateCode: e.SMS_TEMPLATE_CODE || undefined,
      templateNotice: e.SMS_TEMPLATE_NOTICE || undefined,
      templateReply: e.SMS_TEMPLATE_REPLY || undefined,
    },
    customerMessageLimits: { perHour: e.CUSTOMER_MESSAGES_PER_HOUR, perDay: e.CUSTOMER_MESSAGES_PER_DAY },
    webhooks: {
      allowPrivateDestinations: e.WEBHOOKS_ALLOW_PRIVATE === 'true',
      maxConsecutiveFailures: e.WEBHOOKS_MAX_FAILURES,
    },
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      maxCount: e.ATTACHMENT_MAX_COUNT,
      uploadTtlHours: e.ATTACHMENT_UPLOAD_TTL_HOURS,
    },
    duplicates: {
      windowDays: e.DUPLICATE_WINDOW_DAYS,
      threshold: e.DUPLICATE_THRESHOLD,
    },
    webDistDir: e.WEB_DIST_DIR
      ? path.resolve(e.WEB_DIST_DIR)
      : fileURLToPath(new URL('../../../web/dist', import.meta.url)),
  };
}

/** A comma-separated list of web origins (`https://shop.example.com`); anything else is a configuration error. */
function parseOrigins(list: string): string[] {
  const origins = list
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const value of origins) {
    let origin: string | null = null;
    try {
      origin = new URL(value).origin;
    } catch {
      origin = null;
    }
    if (origin !== value)
      throw new Error(
        `Invalid configuration:\n  WIDGET_ALLOWED_ORIGINS: "${value}" is not an origin like https://shop.example.com`,
      );
  }
  return origins;
}
