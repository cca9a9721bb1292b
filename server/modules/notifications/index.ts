import type { DbOrTrx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import type { Module } from '../module.js';
import { insertNotifications } from './notifications.repository.js';
import { notificationsRoutes } from './notifications.routes.js';

export interface NotificationInput {
  kind: string;
  feedbackId: string | null;
  titleZh: string;
  titleEn: string;
  data?: Record<string, unknown> | null;
}

/** Writes one notification per user (in the caller's transaction, so it exists iff the change commits). */
export async function notifyUsers(
  db: DbOrTrx,
  userIds: readonly string[],
  notification: NotificationInput,
  at: string,
): Promise<void> {
  await insertNotifications(
    db,
    [...new Set(userIds)].map((userId) => ({
      id: newId(),
      user_id: userId,
      kind: notification.kind,
      feedback_id: notification.feedbackId,
      title_zh: notification.titleZh,
      title_en: notification.titleEn,
      data: notification.data ? JSON.stringify(notification.data) : null,
      created_at: at,
      read_at: null,
    })),
  );
}

export {
  limitWindows,
  type RecentCounts,
  type RecipientLimits,
  recipientLimitReason,
} from './recipient-limit.js';

/** In-app notifications of the current user (SLA escalations and other notices). */
export const notificationsModule: Module = {
  name: 'notifications',
  routes: notificationsRoutes,
};
