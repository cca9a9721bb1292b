import type { Migration } from 'kysely';
import * as foundation from './2026-11-23-0001-foundation.js';
import * as customerErasure from './2026-11-23-0002-customer-erasure.js';
import * as feedbackListIndexes from './2026-11-23-0004-feedback-list-indexes.js';
import * as searchPerformance from './2026-11-23-0005-search-performance.js';
import * as triage from './2026-11-23-0006-triage.js';
import * as sla from './2026-11-23-0007-sla.js';
import * as searchRowidOrder from './2026-11-23-0008-search-rowid-order.js';
import * as assigneeDueOrder from './2026-11-23-0009-assignee-due-order.js';
import * as searchCreatedAt from './2026-11-23-0010-search-created-at.js';
import * as intake from './2026-11-23-0011-intake.js';
import * as imports from './2026-11-23-0012-imports.js';
import * as webhooks from './2026-11-23-0013-webhooks.js';
import * as mail from './2026-11-23-0014-mail.js';
import * as attachments from './2026-11-23-0015-attachments.js';
import * as feedbackLinks from './2026-11-23-0016-feedback-links.js';
import * as widgetSurveys from './2026-11-23-0017-widget-surveys.js';
import * as tracking from './2026-11-23-0018-tracking.js';
import * as ratings from './2026-11-23-0019-ratings.js';
import * as sms from './2026-11-23-0020-sms.js';
import * as loopFollowUps from './2026-11-23-0021-loop-followups.js';

import * as handling from './2026-11-23-0022-handling.js';
import * as businessAreas from './2026-11-23-0023-business-areas.js';
import * as templatesMacros from './2026-11-23-0024-templates-macros.js';

/** All migrations in order. Names are frozen: never rename or edit one that has shipped; add a new one. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-0001-foundation': foundation,
  '2026-11-23-0002-customer-erasure': customerErasure,
  '2026-11-23-0004-feedback-list-indexes': feedbackListIndexes,
  '2026-11-23-0005-search-performance': searchPerformance,
  '2026-11-23-0006-triage': triage,
  '2026-11-23-0007-sla': sla,
  '2026-11-23-0008-search-rowid-order': searchRowidOrder,
  '2026-11-23-0009-assignee-due-order': assigneeDueOrder,
  '2026-11-23-0010-search-created-at': searchCreatedAt,
  '2026-11-23-0011-intake': intake,
  '2026-11-23-0012-imports': imports,
  '2026-11-23-0013-webhooks': webhooks,
  '2026-11-23-0014-mail': mail,
  '2026-11-23-0015-attachments': attachments,
  '2026-11-23-0016-feedback-links': feedbackLinks,
  '2026-11-23-0017-widget-surveys': widgetSurveys,
  '2026-11-23-0018-tracking': tracking,
  '2026-11-23-0019-ratings': ratings,
  '2026-11-23-0020-sms': sms,
  '2026-11-23-0021-loop-followups': loopFollowUps,

  '2026-11-23-0022-handling': handling,
  '2026-11-23-0023-business-areas': businessAreas,
  '2026-11-23-0024-templates-macros': templatesMacros,
};
