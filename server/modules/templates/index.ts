import type { Module } from '../module.js';
import { templateRoutes } from './templates.routes.js';

export {
  acknowledgement,
  agentReply,
  type NoticeInput,
  type NoticeKind,
  type RenderedMail,
} from './defaults.js';
export {
  loadOverrides,
  type Overrides,
  renderAcknowledgement,
  renderNoticeMail,
  renderNoticeSmsWith,
} from './messages.js';

/**
 * Customer message templates: the default texts of the messages customers get without an agent writing
 * them (status notices by email and SMS, the mail acknowledgement) and the admins' overrides of them.
 */
export const templatesModule: Module = {
  name: 'templates',
  routes: templateRoutes,
};
