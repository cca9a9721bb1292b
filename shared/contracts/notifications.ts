import { z } from 'zod';

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  feedbackId: z.string().nullable(),
  /** In the request's language; both are given too. */
  title: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const ZNotificationsPage = z.object({
  data: z.array(ZNotification),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

export const ZNotificationIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZNotificationResponse = z.object({ data: ZNotification });
