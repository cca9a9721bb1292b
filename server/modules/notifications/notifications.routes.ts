import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type Notification,
  ZListNotificationsQuery,
  ZNotificationIdParams,
  ZNotificationResponse,
  ZNotificationsPage,
} from '../../../shared/contracts/notifications.js';
import type { Locale } from '../../../shared/enums.js';
import { type Actor, requireActor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';
import {
  countUnread,
  findNotification,
  listNotificationRows,
  markAllRead,
  markRead,
  type NotificationRow,
} from './notifications.repository.js';

function present(row: NotificationRow, locale: Locale): Notification {
  return {
    id: row.id,
    kind: row.kind,
    feedbackId: row.feedback_id,
    title: locale === 'zh-CN' ? row.title_zh : row.title_en,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** Notifications belong to users; an API key has none. */
function userOf(actor: Actor | null | undefined): string {
  const a = requireActor(actor);
  if (a.type !== 'user' || !a.id) throw new AppError('forbidden');
  return a.id;
}

function encodeCursor(row: NotificationRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string'
    )
      return { createdAt: value[0], id: value[1] };
  } catch {
    // falls through to the error
  }
  throw new AppError('invalid_cursor');
}

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: "The current user's notifications, newest first (unread=true for unread only)",
        querystring: ZListNotificationsQuery,
        response: { 200: ZNotificationsPage },
      },
    },
    async (req) => {
      const userId = userOf(req.actor);
      const limit = req.query.limit ?? 50;
      const rows = await listNotificationRows(db, userId, {
        unreadOnly: req.query.unread === 'true',
        limit: limit + 1,
        ...(req.query.cursor ? { after: decodeCursor(req.query.cursor) } : {}),
      });
      const page = rows.slice(0, limit);
      return {
        data: page.map((r) => present(r, req.locale)),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
        unreadCount: await countUnread(db, userId),
      };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: ZNotificationIdParams,
        response: { 200: ZNotificationResponse },
      },
    },
    async (req) => {
      const userId = userOf(req.actor);
      if (!(await markRead(db, userId, req.params.id, nowIso(clock))))
        throw new AppError('notification_not_found', { status: 404 });
      const row = await findNotification(db, req.params.id);
      return { data: present(row!, req.locale) };
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read' } },
    async (req, reply) => {
      const userId = userOf(req.actor);
      await markAllRead(db, userId, nowIso(clock));
      return reply.status(204).send();
    },
  );
};
