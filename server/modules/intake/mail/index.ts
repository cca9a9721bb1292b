import type { Module } from '../../module.js';
import { mailRoutes } from './mail.routes.js';

export {
  type MailDeps,
  type ReceiveOptions,
  type ReceiveResult,
  receiveEmail,
} from './commands/receive-email.js';
export { type ParsedEmail, parseEmail } from './parse.js';
export { issueToken, tokenSecret, verifyToken } from './token.js';

/**
 * The email channel: receiving (inbound SMTP listener, IMAP polling) into items or replies on them, and
 * sending (acknowledgements, agents' replies) through SMTP with threading tokens.
 */
export const mailModule: Module = {
  name: 'mail',
  routes: mailRoutes,
};
