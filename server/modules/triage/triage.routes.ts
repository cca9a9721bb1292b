import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZFeedbackIdParams,
  ZFeedbackListResponse,
  ZFeedbackResponse,
} from '../../../shared/contracts/feedback.js';
import {
  ZCreateRule,
  ZRuleIdParams,
  ZRuleListResponse,
  ZRuleResponse,
  ZSetUserSkills,
  ZTestRules,
  ZTestRulesResponse,
  ZTriageQueueQuery,
  ZTriageSettingsResponse,
  ZUpdateRule,
  ZUpdateTriageSettings,
  ZUserIdParams,
  ZUserSkillsListResponse,
  ZUserSkillsResponse,
} from '../../../shared/contracts/triage.js';
import { nowIso } from '../../platform/db/ids.js';
import {
  authorizeFeedback,
  getFeedbackOrThrow,
  loadFeedbackView,
  loadFeedbackViews,
  presentForAgent,
} from '../feedback/index.js';
import { getSettings, setSkills, skillsOf, updateSettings } from './commands/configure.js';
import { createRule, deleteRule, ruleOrThrow, updateRule } from './commands/manage-rules.js';
import { runTriage } from './commands/run-triage.js';
import { dryRun } from './queries/dry-run.js';
import { triageQueue } from './queries/queue.js';
import { authorizeManageTriage, authorizeSuperviseTriage } from './triage.policy.js';
import { presentRule } from './triage.presenter.js';
import { listRuleRows } from './triage.repository.js';

const tags = ['triage'];

/** Triage: rules (admin), dry runs, settings, skills, the triage queue and re-triage. Mounted under /api/v1. */
export const triageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;

  app.get(
    '/triage/rules',
    {
      schema: {
        tags,
        summary: 'List triage rules in evaluation order (admin)',
        response: { 200: ZRuleListResponse },
      },
    },
    async (req) => {
      authorizeManageTriage(req.actor);
      return { data: (await listRuleRows(db)).map(presentRule), nextCursor: null };
    },
  );

  app.post(
    '/triage/rules',
    {
      schema: {
        tags,
        summary: 'Create a triage rule (admin)',
        description:
          'Rules run in `position` order before the built-in logic; for each field the first matching rule ' +
          'wins, tags of every matching rule are added; fields people set are never changed.',
        body: ZCreateRule,
        response: { 201: ZRuleResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageTriage(req.actor);
      const row = await createRule({ db, actor, at: nowIso(clock), ip: req.ip, input: req.body });
      return reply.status(201).send({ data: presentRule(row) });
    },
  );

  app.post(
    '/triage/rules/test',
    {
      schema: {
        tags,
        summary: 'Dry-run triage on a text: which rules match and the resulting triage (nothing is saved)',
        body: ZTestRules,
        response: { 200: ZTestRulesResponse },
      },
    },
    async (req) => {
      authorizeSuperviseTriage(req.actor);
      return { data: await dryRun(db, req.body, req.locale) };
    },
  );

  app.get(
    '/triage/rules/:id',
    {
      schema: {
        tags,
        summary: 'Get a triage rule (admin)',
        params: ZRuleIdParams,
        response: { 200: ZRuleResponse },
      },
    },
    async (req) => {
      authorizeManageTriage(req.actor);
      return { data: presentRule(await ruleOrThrow(db, req.params.id)) };
    },
  );

  app.patch(
    '/triage/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a triage rule (admin)',
        params: ZRuleIdParams,
        body: ZUpdateRule,
        response: { 200: ZRuleResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageTriage(req.actor);
      const row = await updateRule({
        db,
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
        patch: req.body,
      });
      return { data: presentRule(row) };
    },
  );

  app.delete(
    '/triage/rules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a triage rule (admin)',
        params: ZRuleIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageTriage(req.actor);
      await deleteRule({ db, actor, at: nowIso(clock), ip: req.ip, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/triage/settings',
    {
      schema: {
        tags,
        summary: 'Auto-assignment settings (global and per department)',
        response: { 200: ZTriageSettingsResponse },
      },
    },
    async (req) => {
      authorizeSuperviseTriage(req.actor);
      return { data: await getSettings(db) };
    },
  );

  app.put(
    '/triage/settings',
    {
      schema: {
        tags,
        summary: 'Change auto-assignment settings (admin)',
        body: ZUpdateTriageSettings,
        response: { 200: ZTriageSettingsResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageTriage(req.actor);
      return { data: await updateSettings({ db, actor, at: nowIso(clock), ip: req.ip, input: req.body }) };
    },
  );

  app.get(
    '/triage/skills',
    {
      schema: {
        tags,
        summary: "Agents' skills used by auto-assignment",
        response: { 200: ZUserSkillsListResponse },
      },
    },
    async (req) => {
      authorizeSuperviseTriage(req.actor);
      return { data: await skillsOf(db) };
    },
  );

  app.put(
    '/triage/skills/:userId',
    {
      schema: {
        tags,
        summary: "Replace a user's skills (business area codes, languages …)",
        params: ZUserIdParams,
        body: ZSetUserSkills,
        response: { 200: ZUserSkillsResponse },
      },
    },
    async (req) => {
      const actor = authorizeSuperviseTriage(req.actor);
      const data = await setSkills({
        db,
        actor,
        at: nowIso(clock),
        ip: req.ip,
        userId: req.params.userId,
        skills: req.body.skills,
      });
      return { data };
    },
  );

  app.get(
    '/triage/queue',
    {
      schema: {
        tags,
        summary: 'Open items triage could not route to a department, oldest first (supervisors)',
        querystring: ZTriageQueueQuery,
        response: { 200: ZFeedbackListResponse },
      },
    },
    async (req) => {
      authorizeSuperviseTriage(req.actor);
      const page = await triageQueue(db, { limit: req.query.limit, cursor: req.query.cursor });
      const views = await loadFeedbackViews(db, page.records);
      return { data: views.map((v) => presentForAgent(v, req.locale)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/feedback/:id/triage',
    {
      schema: {
        tags: ['triage', 'feedback'],
        summary: 'Run triage again on an item (supervisor/admin); fields people set are kept',
        params: ZFeedbackIdParams,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const actor = authorizeSuperviseTriage(req.actor);
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(actor, 'view', item);
      const record = await runTriage(database, {
        feedbackId: item.id,
        at: nowIso(clock),
        requestedBy: actor,
        ip: req.ip,
      });
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );
};
