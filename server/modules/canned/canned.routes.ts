import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CANNED_VARIABLES,
  ZAppliedCannedResponse,
  ZApplyCannedBody,
  ZCannedListQuery,
  ZCannedResponseIdParams,
  ZCannedResponseListResponse,
  ZCannedResponseResponse,
  ZCannedVariablesResponse,
  ZCreateCannedResponse,
  ZRenderCannedBody,
  ZRenderCannedParams,
  ZRenderedCannedResponse,
  ZUpdateCannedResponse,
} from '../../../shared/contracts/canned.js';
import { nowIso } from '../../platform/db/ids.js';
import {
  authorizeFeedback,
  getFeedbackOrThrow,
  loadFeedbackView,
  presentForAgent,
} from '../feedback/index.js';
import {
  assertCanUseCanned,
  authorizeManageCanned,
  authorizeReadCanned,
  canUseCanned,
} from './canned.policy.js';
import { presentCanned } from './canned.presenter.js';
import { findCanned, listCanned } from './canned.repository.js';
import { applyCanned } from './commands/apply-canned.js';
import { createCanned, deleteCanned, updateCanned } from './commands/manage-canned.js';
import { renderCanned } from './queries/render-canned.js';

const TAG = 'canned-responses';

/** Canned responses: supervisors and admins keep the catalogue, agents list and render them (under /api/v1). */
export const cannedRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;

  app.get(
    '/canned-responses/variables',
    {
      schema: {
        tags: [TAG],
        summary: 'Variables a canned response may use, written {{name}}',
        response: { 200: ZCannedVariablesResponse },
      },
    },
    async (req) => {
      authorizeReadCanned(req.actor);
      return { data: [...CANNED_VARIABLES] };
    },
  );

  app.get(
    '/canned-responses',
    {
      schema: {
        tags: [TAG],
        summary: 'Canned responses offered to the caller',
        description:
          'Agents get the responses for every department and their own department’s; supervisors and ' +
          'admins get all of them, or with `departmentId` those offered to that department.',
        querystring: ZCannedListQuery,
        response: { 200: ZCannedResponseListResponse },
      },
    },
    async (req) => {
      const actor = authorizeReadCanned(req.actor);
      const manager = actor.role === 'admin' || actor.role === 'supervisor';
      const rows = manager
        ? await listCanned(db, req.query.departmentId)
        : await listCanned(db, actor.departmentId);
      return { data: rows.filter((r) => canUseCanned(actor, r)).map((r) => presentCanned(r, req.locale)) };
    },
  );

  app.post(
    '/canned-responses',
    {
      schema: {
        tags: [TAG],
        summary: 'Create a canned response (supervisors and admins)',
        description:
          'Both bodies may use the variables of /canned-responses/variables; an unknown one answers 400 ' +
          'canned_variable_unknown naming it.',
        body: ZCreateCannedResponse,
        response: { 201: ZCannedResponseResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageCanned(req.actor);
      const row = await createCanned(db, { actor, at: nowIso(clock), ip: req.ip, input: req.body });
      return reply.status(201).send({ data: presentCanned(row, req.locale) });
    },
  );

  app.get(
    '/canned-responses/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'One canned response',
        params: ZCannedResponseIdParams,
        response: { 200: ZCannedResponseResponse },
      },
    },
    async (req) => {
      const actor = authorizeReadCanned(req.actor);
      const row = assertCanUseCanned(actor, await findCanned(db, req.params.id));
      return { data: presentCanned(row, req.locale) };
    },
  );

  app.patch(
    '/canned-responses/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Change a canned response (supervisors and admins)',
        params: ZCannedResponseIdParams,
        body: ZUpdateCannedResponse,
        response: { 200: ZCannedResponseResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageCanned(req.actor);
      const row = await updateCanned(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
        changes: req.body,
      });
      return { data: presentCanned(row, req.locale) };
    },
  );

  app.delete(
    '/canned-responses/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Delete a canned response (supervisors and admins)',
        params: ZCannedResponseIdParams,
      },
    },
    async (req, reply) => {
      const actor = authorizeManageCanned(req.actor);
      await deleteCanned(db, { actor, at: nowIso(clock), ip: req.ip, id: req.params.id });
      return reply.status(204).send();
    },
  );

  app.post(
    '/feedback/:id/canned-responses/:cid/render',
    {
      schema: {
        tags: [TAG],
        summary: 'A canned response filled in for an item, as text for the reply composer',
        description:
          'Needs the right to reply on the item (404 when it is not visible). Nothing is sent or saved: ' +
          'the agent edits the text and sends it as a reply.',
        params: ZRenderCannedParams,
        body: ZRenderCannedBody,
        response: { 200: ZRenderedCannedResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'reply', item);
      authorizeReadCanned(actor);
      const row = assertCanUseCanned(actor, await findCanned(db, req.params.cid));
      const text = await renderCanned(db, {
        row,
        item,
        actor,
        language: req.body.language,
        timeZone: config.businessTimeZone,
      });
      return { data: { cannedResponseId: row.id, language: req.body.language, text } };
    },
  );

  app.post(
    '/feedback/:id/canned-responses/:cid/apply',
    {
      schema: {
        tags: [TAG],
        summary: 'Apply a canned response (macro) to an item: send the reply and run its actions',
        description:
          'In one transaction: the reply (`body` as the agent edited it, else the response rendered in ' +
          '`language`) is sent on the item’s channel, then the macro’s actions run through the feedback ' +
          'commands with the same rules as their endpoints: tags added (needs the right to tag), priority set ' +
          'with the macro’s title as the reason (right to update), status moved along the lifecycle (right to ' +
          'transition; 409 invalid_transition undoes everything, the reply included). Actions that change ' +
          'nothing are skipped; `applied` says what changed.',
        params: ZRenderCannedParams,
        body: ZApplyCannedBody,
        response: { 200: ZAppliedCannedResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'reply', item);
      authorizeReadCanned(actor);
      const row = assertCanUseCanned(actor, await findCanned(db, req.params.cid));
      const result = await applyCanned(db, {
        row,
        item,
        actor,
        language: req.body.language,
        body: req.body.body,
        attachments: req.body.attachments,
        maxAttachments: config.attachments.maxCount,
        at: nowIso(clock),
        ip: req.ip,
        timeZone: config.businessTimeZone,
        dialect: database.dialect,
      });
      return {
        data: {
          cannedResponseId: row.id,
          language: req.body.language,
          text: result.text,
          messageId: result.messageId,
          applied: result.applied,
          item: presentForAgent(await loadFeedbackView(db, result.record), req.locale),
        },
      };
    },
  );
};
