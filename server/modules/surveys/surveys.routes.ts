import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZPublicSurveyResponse,
  ZSurveyResponseCreated,
  ZSurveyResponseList,
  ZSurveyResponseListQuery,
  ZSurveySummaryQuery,
  ZSurveySummaryResponse,
} from '../../../shared/contracts/surveys.js';
import { nowIso } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';
import { recordSurveyResponse } from './commands/record-response.js';
import { summarizeResponses } from './queries/summarize-responses.js';
import { authorizeReadSurveys } from './surveys.policy.js';
import { presentResponse } from './surveys.presenter.js';
import { listResponses } from './surveys.repository.js';

const SURVEY_BODY_LIMIT_BYTES = 8_192;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One-question NPS / CSAT answers (the widget's pop-up) and their summary (mounted under /api/v1). */
export const surveysRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;
  const limits = config.publicIntake;

  app.post(
    '/public/surveys/responses',
    {
      bodyLimit: SURVEY_BODY_LIMIT_BYTES,
      schema: {
        tags: ['public'],
        summary: 'Answer a one-question NPS (0–10) or CSAT (1–5) survey (no authentication)',
        description:
          'Sent by the widget when the host page shows a survey after a business event. A score outside ' +
          'the kind’s scale is 400 survey_score_out_of_range. Limited per IP (429 rate_limited).',
        security: [],
        body: ZPublicSurveyResponse,
        response: { 201: ZSurveyResponseCreated },
      },
      config: {
        rateLimit: {
          max: limits.rateLimitPerIp,
          timeWindow: limits.rateLimitWindowSeconds * 1000,
          keyGenerator: (req) => `public-survey:ip:${req.ip}`,
        },
      },
    },
    async (req, reply) => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin.slice(0, 255) : null;
      const created = await recordSurveyResponse(database, {
        body: req.body,
        channel: 'widget',
        origin,
        ip: req.ip,
        at: nowIso(clock),
      });
      return reply.status(201).send({ data: created });
    },
  );

  app.get(
    '/surveys/responses',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Survey answers, newest first (admins, supervisors, analysts)',
        querystring: ZSurveyResponseListQuery,
        response: { 200: ZSurveyResponseList },
      },
    },
    async (req) => {
      authorizeReadSurveys(req.actor);
      const { limit, cursor, ...filter } = req.query;
      if (cursor !== undefined && !UUID_RE.test(cursor)) throw new AppError('invalid_cursor');
      const rows = await listResponses(db, {
        ...filter,
        limit: limit + 1,
        ...(cursor ? { beforeId: cursor } : {}),
      });
      const page = rows.slice(0, limit);
      return {
        data: page.map(presentResponse),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/surveys/summary',
    {
      schema: {
        tags: ['surveys'],
        summary: 'NPS (% promoters − % detractors) and CSAT (share of 4–5, mean, distribution)',
        querystring: ZSurveySummaryQuery,
        response: { 200: ZSurveySummaryResponse },
      },
    },
    async (req) => {
      authorizeReadSurveys(req.actor);
      return { data: await summarizeResponses(db, req.query) };
    },
  );
};
