import { CUSTOMER_EVENTS } from '../../customers/index.js';
import { FEEDBACK_EVENTS } from '../../feedback/index.js';
import type { Module } from '../../module.js';
import { pollAllMailboxes } from './commands/poll-mailbox.js';
import { startInboundSmtp } from './inbound-smtp.js';
import { MAIL_JOBS } from './mail.events.js';
import { mailRoutes } from './mail.routes.js';
import { scrubCustomerMailHandler } from './subscribers/on-customer-erased.js';
import { acknowledgeHandler, replyHandler, sendHandler } from './subscribers/on-feedback-event.js';

export { pollMailbox } from './commands/poll-mailbox.js';
export { type CustomerMail, customerMailer } from './commands/queue-customer-mail.js';
export {
  type MailDeps,
  type ReceiveOptions,
  type ReceiveResult,
  receiveEmail,
} from './commands/receive-email.js';
export { MAIL_JOBS } from './mail.events.js';
export { countCustomerMailTo } from './mail.repository.js';
export { type ParsedEmail, parseEmail } from './parse.js';
export { issueToken, tokenSecret, verifyToken } from './token.js';

/**
 * The email channel: receiving (inbound SMTP listener, IMAP polling) into items or replies on them, and
 * sending (acknowledgements, agents' replies) through SMTP with threading tokens.
 */
export const mailModule: Module = {
  name: 'mail',
  routes: mailRoutes,
  registerJobs(ctx) {
    ctx.subscribers.register(MAIL_JOBS.acknowledge, acknowledgeHandler(ctx), FEEDBACK_EVENTS.created);
    ctx.subscribers.register(MAIL_JOBS.reply, replyHandler(ctx), FEEDBACK_EVENTS.messageAdded);
    ctx.subscribers.register(MAIL_JOBS.send, sendHandler(ctx));
    ctx.subscribers.register(MAIL_JOBS.pollAll, () => pollAllMailboxes(ctx));
    ctx.subscribers.register(MAIL_JOBS.scrubCustomer, scrubCustomerMailHandler(ctx), CUSTOMER_EVENTS.erased);
  },
  schedule: [{ jobName: MAIL_JOBS.pollAll, everyMs: 60_000 }],
  listen(ctx) {
    return ctx.config.mail.inboundPort === undefined ? Promise.resolve(null) : startInboundSmtp(ctx);
  },
};
