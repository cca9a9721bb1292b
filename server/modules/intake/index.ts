import { CUSTOMER_EVENTS } from '../customers/index.js';
import type { Module } from '../module.js';
import { intakeRoutes } from './intake.routes.js';
import { SCRUB_ORIGINALS_JOB, scrubOriginalsHandler } from './subscribers/on-customer-erased.js';

export { acceptAllCaptcha, type CaptchaVerifier, siteVerifyCaptcha } from './captcha.js';
export { createFromSubmission, type Original, recordSubmission } from './commands/record-submission.js';
export { applyMapping, type FieldMapping, MappingFailure } from './mapping.js';
export { SOURCE_PRESETS } from './presets.js';
export { sign as signHookPayload } from './signature.js';

/**
 * Every channel into one store: each adapter normalises what arrived into a feedback record, creates it
 * through feedback.createFeedback and keeps the raw original (intake_submissions) in the same transaction.
 */
export const intakeModule: Module = {
  name: 'intake',
  routes: intakeRoutes,
  registerJobs(ctx) {
    ctx.subscribers.register(
      SCRUB_ORIGINALS_JOB,
      scrubOriginalsHandler(ctx.database.db),
      CUSTOMER_EVENTS.erased,
    );
  },
};
