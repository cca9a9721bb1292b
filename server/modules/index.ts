import { analyticsModule } from './analytics/index.js';
import { cannedModule } from './canned/index.js';
import { customersModule } from './customers/index.js';
import { feedbackModule } from './feedback/index.js';
import { authenticate, identityModule } from './identity/index.js';
import { importsModule } from './intake/import/index.js';
import { intakeModule } from './intake/index.js';
import { mailModule } from './intake/mail/index.js';
import { widgetModule } from './intake/widget/index.js';
import { loopModule } from './loop/index.js';
import type { Module } from './module.js';
import { notificationsModule } from './notifications/index.js';
import { smsModule } from './notifications/sms/index.js';
import { slaModule } from './sla/index.js';
import { surveysModule } from './surveys/index.js';
import { templatesModule } from './templates/index.js';
import { triageModule } from './triage/index.js';
import { webhooksModule } from './webhooks/index.js';

export { authenticate };

/** Every module of the product, in registration order. */
export const MODULES: Module[] = [
  identityModule,
  customersModule,
  feedbackModule,
  triageModule,
  slaModule,
  notificationsModule,
  intakeModule,
  importsModule,
  mailModule,
  smsModule,
  webhooksModule,
  widgetModule,
  surveysModule,
  loopModule,
  analyticsModule,
  cannedModule,
  templatesModule,
];
