import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFeedbackIdParams } from '../../../../shared/contracts/feedback.js';
import {
  ZCreateMailbox,
  ZMailboxIdParams,
  ZMailboxListResponse,
  ZMailboxResponse,
  ZOutboundMailListResponse,
  ZPollResponse,
  ZUpdateMailbox,
} from '../../../../shared/contracts/mail.js';
import { nowIso } from '../../../platform/db/ids.js';
import { authorizeFeedback, getFeedbackOrThrow } from '../../feedback/index.js';
import {
  createMailbox,
  deleteMailbox,
  getMailboxOrThrow,
  updateMailbox,
} from './commands/manage-mailboxes.js';
import { pollMailbox } from './commands/poll-mailbox.js';
import { authorizeManageMailboxes, authorizeReadMailLog } from './mail.policy.js';
import { presentMailbox, presentOutbound } from './mail.presenter.js';
import { listMailboxes, listOutboundOfFeedback } from './mail.repository.js';

const tags = ['mail'];

/** Mail endpoints (mounted under /api/v1): IMAP mailboxes (admin) and the mail sent for an item. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;

  app.get(
    '/intake/mailboxes',
    {
      schema: {
        tags,
        summary: 'IMAP mailboxes polled for customer mail (admin)',
        response: { 200: ZMailboxListResponse },
      },
    },
    async (req) => {
      authorizeManageMailboxes(req.actor);
      return { data: (await listMailboxes(db)).map(presentMailbox) };
    },
  );

  app.post(
    '/intake/mailboxes',
    {
      schema: {
        tags,
        summary: 'Add an IMAP mailbox (admin); the password is stored to log in and never returned',
        body: ZCreateMailbox,
        response: { 201: ZMailboxResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageMailboxes(req.actor);
      const row = await createMailbox(db, { actor, at: nowIso(clock), ip: req.ip, input: req.body });
      return reply.status(201).send({ data: presentMailbox(row) });
    },
  );

  app.get(
    '/intake/mailboxes/:id',
    {
      schema: {
        tags,
        summary: 'One IMAP mailbox (admin)',
        params: ZMailboxIdParams,
        response: { 200: ZMailboxResponse },
      },
    },
    async (req) => {
      authorizeManageMailboxes(req.actor);
      return { data: presentMailbox(await getMailboxOrThrow(db, req.params.id)) };
    },
  );

  app.patch(
    '/intake/mailboxes/:id',
    {
      schema: {
        tags,
        summary:
          'Change an IMAP mailbox (admin); another host, user or folder starts again from its first message',
        params: ZMailboxIdParams,
        body: ZUpdateMailbox,
        response: { 200: ZMailboxResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageMailboxes(req.actor);
      const row = await updateMailbox(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
        changes: req.body,
      });
      return { data: presentMailbox(row) };
    },
  );

  app.delete(
    '/intake/mailboxes/:id',
    { schema: { tags, summary: 'Remove an IMAP mailbox (admin)', params: ZMailboxIdParams } },
    async (req, reply) => {
      const actor = authorizeManageMailboxes(req.actor);
      await deleteMailbox(db, { actor, at: nowIso(clock), ip: req.ip, id: req.params.id });
      return reply.status(204).send();
    },
  );

  app.post(
    '/intake/mailboxes/:id/poll',
    {
      schema: {
        tags,
        summary: 'Poll an IMAP mailbox now (admin)',
        description:
          'Fetches the messages above the last stored UID, receives each (new item, reply appended, or ignored ' +
          'auto-reply), flags it \\Seen and stores its UID after the commit. 502 mailbox_poll_failed when the ' +
          'server cannot be reached or refuses the login (the reason is also kept as the mailbox lastError).',
        params: ZMailboxIdParams,
        response: { 200: ZPollResponse },
      },
    },
    async (req) => {
      authorizeManageMailboxes(req.actor);
      await getMailboxOrThrow(db, req.params.id);
      return { data: await pollMailbox(app.ctx, req.params.id) };
    },
  );

  app.get(
    '/feedback/:id/mails',
    {
      schema: {
        tags,
        summary:
          'Mail sent for an item (acknowledgement, replies) with delivery status (admin, supervisor, agent)',
        params: ZFeedbackIdParams,
        response: { 200: ZOutboundMailListResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      authorizeReadMailLog(req.actor);
      return { data: (await listOutboundOfFeedback(db, item.id)).map(presentOutbound) };
    },
  );
};
