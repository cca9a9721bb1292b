import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZFeedbackIdParams } from '../../../shared/contracts/feedback.js';
import {
  ZCalendar,
  ZCalendarDay,
  ZCalendarDayParams,
  ZCalendarDaysQuery,
  ZCalendarDetail,
  ZCreateCalendar,
  ZCreatePolicy,
  ZPauseSla,
  ZPolicy,
  ZPutCalendarDay,
  ZPutRecipients,
  ZRecipient,
  ZSlaIdParams,
  ZSlaState,
  ZUpdateCalendar,
  ZUpdatePolicy,
} from '../../../shared/contracts/sla.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';
import { authorizeFeedback, getFeedbackOrThrow } from '../feedback/index.js';
import {
  changeCalendar,
  changePolicy,
  createCalendar,
  createPolicy,
  putCalendarDay,
  removeCalendar,
  removeCalendarDay,
  removePolicy,
  setRecipients,
} from './commands/admin.js';
import { pauseSla, resumeSla } from './commands/pause-resume.js';
import { startRecompute } from './commands/recompute.js';
import { loadSlaStates } from './queries/sla-state.js';
import { authorizeSlaAdmin, authorizeSlaRead } from './sla.policy.js';
import { presentCalendar, presentCalendarDay, presentPolicy } from './sla.presenter.js';
import {
  findCalendar,
  findPolicy,
  listCalendarDays,
  listCalendars,
  listPolicies,
  listRecipients,
} from './sla.repository.js';

const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

export const slaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, queue } = app.ctx;
  /** Due times of items still counting follow calendar and policy changes (a background job). */
  const recompute = () => startRecompute(queue, newId());
  const db = database.db;
  const tags = ['sla'];
  const admin = (req: { actor?: Parameters<typeof authorizeSlaAdmin>[0]; ip: string }) => ({
    db,
    actor: authorizeSlaAdmin(req.actor),
    at: nowIso(clock),
    ip: req.ip,
  });

  async function calendarDetail(id: string, locale: 'zh-CN' | 'en', range?: { from?: string; to?: string }) {
    const row = await findCalendar(db, id);
    if (!row) throw new AppError('sla_calendar_not_found', { status: 404 });
    const days = await listCalendarDays(db, id, range);
    return { ...presentCalendar(row, locale), days: days.map(presentCalendarDay) };
  }

  async function policy(id: string) {
    const row = await findPolicy(db, id);
    if (!row) throw new AppError('sla_policy_not_found', { status: 404 });
    return presentPolicy(row);
  }

  app.get(
    '/sla/calendars',
    { schema: { tags, summary: 'Business calendars', response: { 200: data(z.array(ZCalendar)) } } },
    async (req) => {
      authorizeSlaRead(req.actor);
      return { data: (await listCalendars(db)).map((r) => presentCalendar(r, req.locale)) };
    },
  );

  app.post(
    '/sla/calendars',
    {
      schema: {
        tags,
        summary: 'Create a business calendar (admin)',
        body: ZCreateCalendar,
        response: { 201: data(ZCalendarDetail) },
      },
    },
    async (req, reply) => {
      const id = await createCalendar(admin(req), req.body);
      return reply.status(201).send({ data: await calendarDetail(id, req.locale) });
    },
  );

  app.get(
    '/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'A calendar with its holidays and make-up working days (from/to: date range)',
        params: ZSlaIdParams,
        querystring: ZCalendarDaysQuery,
        response: { 200: data(ZCalendarDetail) },
      },
    },
    async (req) => {
      authorizeSlaRead(req.actor);
      return { data: await calendarDetail(req.params.id, req.locale, req.query) };
    },
  );

  app.patch(
    '/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change working hours, time zone, names, or make it the default (admin)',
        params: ZSlaIdParams,
        body: ZUpdateCalendar,
        response: { 200: data(ZCalendarDetail) },
      },
    },
    async (req) => {
      await changeCalendar(admin(req), req.params.id, req.body);
      await recompute();
      return { data: await calendarDetail(req.params.id, req.locale) };
    },
  );

  app.delete(
    '/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a calendar no policy uses and that is not the default (admin)',
        params: ZSlaIdParams,
      },
    },
    async (req, reply) => {
      await removeCalendar(admin(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/sla/calendars/:id/days/:date',
    {
      schema: {
        tags,
        summary: 'Set a holiday or a make-up working day (调休) on a date (admin)',
        params: ZCalendarDayParams,
        body: ZPutCalendarDay,
        response: { 200: data(ZCalendarDay) },
      },
    },
    async (req) => {
      const day = { date: req.params.date, ...req.body };
      await putCalendarDay(admin(req), req.params.id, day);
      await recompute();
      return { data: { date: day.date, kind: day.kind, name: day.name, nameEn: day.nameEn ?? null } };
    },
  );

  app.delete(
    '/sla/calendars/:id/days/:date',
    {
      schema: { tags, summary: 'Remove a dated exception (admin)', params: ZCalendarDayParams },
    },
    async (req, reply) => {
      await removeCalendarDay(admin(req), req.params.id, req.params.date);
      await recompute();
      return reply.status(204).send();
    },
  );

  app.get(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'SLA policies per priority and nature',
        response: { 200: data(z.array(ZPolicy)) },
      },
    },
    async (req) => {
      authorizeSlaRead(req.actor);
      return { data: (await listPolicies(db)).map(presentPolicy) };
    },
  );

  app.post(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'Add a policy for a priority and nature (admin)',
        body: ZCreatePolicy,
        response: { 201: data(ZPolicy) },
      },
    },
    async (req, reply) => {
      const id = await createPolicy(admin(req), req.body);
      await recompute();
      return reply.status(201).send({ data: await policy(id) });
    },
  );

  app.patch(
    '/sla/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change a policy (admin); due times of open items follow in the background',
        params: ZSlaIdParams,
        body: ZUpdatePolicy,
        response: { 200: data(ZPolicy) },
      },
    },
    async (req) => {
      await changePolicy(admin(req), req.params.id, req.body);
      await recompute();
      return { data: await policy(req.params.id) };
    },
  );

  app.delete(
    '/sla/policies/:id',
    {
      schema: {
        tags,
        summary: "Delete a nature-specific policy (a priority's fallback stays)",
        params: ZSlaIdParams,
      },
    },
    async (req, reply) => {
      await removePolicy(admin(req), req.params.id);
      await recompute();
      return reply.status(204).send();
    },
  );

  app.get(
    '/sla/escalation-recipients',
    {
      schema: {
        tags,
        summary: 'Management, legal and PR users told about urgent items at risk or breached',
        response: { 200: data(z.array(ZRecipient)) },
      },
    },
    async (req) => {
      authorizeSlaRead(req.actor);
      return { data: (await listRecipients(db)).map((r) => ({ userId: r.user_id, list: r.list })) };
    },
  );

  app.put(
    '/sla/escalation-recipients',
    {
      schema: {
        tags,
        summary: 'Replace the escalation list for urgent items (admin)',
        body: ZPutRecipients,
        response: { 200: data(z.array(ZRecipient)) },
      },
    },
    async (req) => {
      await setRecipients(admin(req), req.body.recipients);
      return { data: (await listRecipients(db)).map((r) => ({ userId: r.user_id, list: r.list })) };
    },
  );

  async function slaOf(id: string) {
    const now = nowIso(clock);
    const state = (await loadSlaStates(db, [id], now)).get(id);
    return (
      state ?? {
        firstResponse: { dueAt: null, status: null },
        resolution: { dueAt: null, status: null },
        progressUpdate: null,
        paused: false,
        policy: null,
      }
    );
  }

  app.get(
    '/feedback/:id/sla',
    {
      schema: {
        tags,
        summary: "An item's SLA: due times, on_track / at_risk / breached / met, paused",
        params: ZFeedbackIdParams,
        response: { 200: data(ZSlaState) },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor ?? null, 'view', item);
      return { data: await slaOf(item.id) };
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    app.post(
      `/feedback/:id/sla/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'pause'
              ? 'Pause the SLA clocks while waiting on the customer (when the policy allows it)'
              : 'Resume paused SLA clocks (a message from the customer also resumes them)',
          params: ZFeedbackIdParams,
          body: ZPauseSla.nullish(),
          response: { 200: data(ZSlaState) },
        },
      },
      async (req) => {
        const item = await getFeedbackOrThrow(db, req.params.id);
        const actor = authorizeFeedback(req.actor ?? null, 'update', item);
        const base = {
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          reason: req.body?.reason ?? null,
        };
        await db.transaction().execute(async (trx) => {
          if (action === 'pause') await pauseSla({ ...base, trx });
          else await resumeSla({ ...base, trx });
        });
        return { data: await slaOf(item.id) };
      },
    );
  }
};
