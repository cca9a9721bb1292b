import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFeedbackIdParams } from '../../../../shared/contracts/feedback.js';
import {
  ZCreateSubtask,
  ZSubtaskListQuery,
  ZSubtaskListResponse,
  ZSubtaskParams,
  ZSubtaskResponse,
  ZUpdateSubtask,
} from '../../../../shared/contracts/subtasks.js';
import { requireActor } from '../../../platform/auth/actor.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { authorizeFeedback, visibilityScope } from '../feedback.policy.js';
import { getFeedbackOrThrow } from '../queries/get-feedback.js';
import { createSubtask } from './commands/create-subtask.js';
import { updateSubtask } from './commands/update-subtask.js';
import { loadSubtaskViews } from './queries/subtask-views.js';
import { authorizeChangeSubtask } from './subtasks.policy.js';
import { findSubtask, listSubtasks, listSubtasksOf } from './subtasks.repository.js';

/** Sub-tasks of an item for other departments (mounted under /api/v1). */
export const subtaskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;
  const tags = ['subtasks'];

  async function oneView(actor: Parameters<typeof loadSubtaskViews>[1], id: string, locale: 'zh-CN' | 'en') {
    const row = await findSubtask(db, id);
    const [view] = row ? await loadSubtaskViews(db, actor, [row], locale) : [];
    if (!view) throw new AppError('subtask_not_found');
    return view;
  }

  app.post(
    '/feedback/:id/subtasks',
    {
      schema: {
        tags,
        summary: 'Spawn a sub-task of an item for another department',
        description:
          'Needs the right to update the item. The item keeps its department and assignee; the other ' +
          'department sees it read-only (a read share) and works on the sub-task with its own assignee ' +
          'and status. 400 subtask_same_department, subtask_assignee_invalid; 404 department_not_found; ' +
          '409 subtask_parent_closed.',
        params: ZFeedbackIdParams,
        body: ZCreateSubtask,
        response: { 201: ZSubtaskResponse },
      },
    },
    async (req, reply) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'update', item);
      const row = await db
        .transaction()
        .execute((trx) =>
          createSubtask({ trx, actor, at: nowIso(clock), ip: req.ip, feedbackId: item.id, input: req.body }),
        );
      return reply.status(201).send({ data: await oneView(actor, row.id, req.locale) });
    },
  );

  app.get(
    '/feedback/:id/subtasks',
    {
      schema: {
        tags,
        summary: 'Sub-tasks of an item, each with the item’s SLA',
        params: ZFeedbackIdParams,
        response: { 200: ZSubtaskListResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'view', item);
      return { data: await loadSubtaskViews(db, actor, await listSubtasksOf(db, item.id), req.locale) };
    },
  );

  app.get(
    '/subtasks',
    {
      schema: {
        tags,
        summary: 'Sub-tasks of a department (by default the caller’s), newest first, at most 200',
        description:
          'Agents and department members see their own department’s; admins, supervisors and analysts ' +
          'any department’s (all without `departmentId`).',
        querystring: ZSubtaskListQuery,
        response: { 200: ZSubtaskListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      const all = visibilityScope(actor).kind === 'all';
      const departmentId = all ? (req.query.departmentId ?? null) : actor.departmentId;
      if (!all && departmentId === null) return { data: [] };
      const rows = await listSubtasks(db, {
        departmentId,
        ...(req.query.status ? { status: req.query.status } : {}),
      });
      return { data: await loadSubtaskViews(db, actor, rows, req.locale) };
    },
  );

  app.get(
    '/subtasks/:subtaskId',
    {
      schema: { tags, summary: 'One sub-task', params: ZSubtaskParams, response: { 200: ZSubtaskResponse } },
    },
    async (req) => ({ data: await oneView(requireActor(req.actor), req.params.subtaskId, req.locale) }),
  );

  app.patch(
    '/subtasks/:subtaskId',
    {
      schema: {
        tags,
        summary: 'Change a sub-task: status, assignee, outcome (its department, supervisors, admins)',
        description:
          'Status open → in_progress → done, or cancelled; done and cancelled are final (409 ' +
          'subtask_closed) and are noted on the parent item’s history with the outcome.',
        params: ZSubtaskParams,
        body: ZUpdateSubtask,
        response: { 200: ZSubtaskResponse },
      },
    },
    async (req) => {
      const row = await findSubtask(db, req.params.subtaskId);
      if (!row) throw new AppError('subtask_not_found');
      const parent = await getFeedbackOrThrow(db, row.feedback_id);
      const actor = authorizeChangeSubtask(req.actor, row, parent);
      await db
        .transaction()
        .execute((trx) =>
          updateSubtask({ trx, actor, at: nowIso(clock), ip: req.ip, subtaskId: row.id, changes: req.body }),
        );
      return { data: await oneView(actor, row.id, req.locale) };
    },
  );
};
