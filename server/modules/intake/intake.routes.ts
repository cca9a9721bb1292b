import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZFeedbackIdParams, ZFeedbackResponse } from '../../../shared/contracts/feedback.js';
import {
  ZCreateIntakeSource,
  ZHookParams,
  ZHookResponse,
  ZIntakeSourceIdParams,
  ZIntakeSourceListResponse,
  ZIntakeSourceResponse,
  ZIntakeSourceWithSecretResponse,
  ZLogCall,
  ZPublicFeedback,
  ZPublicFeedbackResponse,
  ZSourcePresetListResponse,
  ZSubmissionListResponse,
  ZUpdateIntakeSource,
} from '../../../shared/contracts/intake.js';
import { nowIso } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';
import {
  idempotencyScope,
  parseIdempotencyKey,
  replyCreatedIdempotently,
} from '../../platform/http/idempotency.js';
import {
  authorizeFeedback,
  claimUploads,
  getFeedbackOrThrow,
  loadFeedbackView,
  presentForAgent,
} from '../feedback/index.js';
import { captchaFromConfig } from './captcha.js';
import { logCall } from './commands/log-call.js';
import {
  createSource,
  deleteSource,
  getSourceOrThrow,
  rotateSourceSecret,
  updateSource,
} from './commands/manage-sources.js';
import { receiveHook } from './commands/receive-hook.js';
import { checkPublicSubmission, publicContactKey, submitPublicFeedback } from './commands/submit-public.js';
import { authorizeLogCall, authorizeManageSources, authorizeReadOriginals } from './intake.policy.js';
import { presentPresets, presentSource, presentSubmission } from './intake.presenter.js';
import { idempotencyKeyUsed, listSources, listSubmissionsOfFeedback } from './intake.repository.js';
import { keepRawBodies, keepRawJsonBodies, rawBodyOf } from './raw-body.js';

const PUBLIC_ROUTE = 'POST /api/v1/public/feedback';
const CALL_ROUTE = 'POST /api/v1/intake/calls';

const ZIdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      '1–255 visible ASCII characters; a retry with the same key and body returns the first response',
    ),
});

/** Portal and widget submissions: unauthenticated, size- and rate-limited, CAPTCHA-ready. */
const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const limits = config.publicIntake;
  const captcha = captchaFromConfig(limits);
  const timeWindow = limits.rateLimitWindowSeconds * 1000;
  keepRawJsonBodies(app);
  // A second limiter of its own: @fastify/rate-limit runs only one route hook per request.
  const contactLimit = app.createRateLimit({
    max: limits.rateLimitPerContact,
    timeWindow,
    keyGenerator: (req) => `public-feedback:contact:${publicContactKey(req.body)}`,
  });

  app.post(
    '/public/feedback',
    {
      bodyLimit: limits.bodyLimitBytes,
      schema: {
        tags: ['public'],
        summary: 'Submit feedback from the portal or the widget (no authentication)',
        description:
          'Requires a description, an email or phone, and `consent: true` (400 consent_required). Limited per ' +
          'IP and per contact (429 rate_limited) and in size (413 body_too_large). When the server has a ' +
          'CAPTCHA configured, `captchaToken` is checked (400 captcha_failed). Files uploaded first to ' +
          'POST /public/attachments are attached by their tokens in `attachments` (400 attachment_token_invalid, ' +
          '_expired or _used; attachment_count_exceeded). A retry with the same ' +
          'Idempotency-Key and body answers 200 with the first body.',
        security: [],
        headers: ZIdempotencyHeaders,
        body: ZPublicFeedback,
        response: { 200: ZPublicFeedbackResponse, 201: ZPublicFeedbackResponse },
      },
      config: {
        rateLimit: {
          max: limits.rateLimitPerIp,
          timeWindow,
          keyGenerator: (req) => `public-feedback:ip:${req.ip}`,
        },
      },
      // After validation, so the key is the normalised contact; requests naming no valid contact are
      // refused by the handler and are not counted against anyone.
      preHandler: async (req, reply) => {
        const contactKey = publicContactKey(req.body);
        if (contactKey === null) return;
        const limit = await contactLimit(req);
        if (limit.isAllowed || !limit.isExceeded) return;
        reply.header('retry-after', limit.ttlInSeconds);
        throw new AppError('rate_limited', { params: { after: `${limit.ttlInSeconds} s` } });
      },
    },
    async (req, reply) => {
      const contact = checkPublicSubmission(req.body);
      const key = parseIdempotencyKey(req.headers['idempotency-key']);
      const scope = idempotencyScope(null, PUBLIC_ROUTE, `ip:${req.ip}`);
      // Verified outside the write transaction (it is a network call); a replay needs no fresh token.
      if (captcha.required && !(key && (await idempotencyKeyUsed(database.db, scope, key)))) {
        if (!(await captcha.verify(req.body.captchaToken, req.ip)))
          throw new AppError('captcha_failed', { details: [{ path: 'captchaToken' }] });
      }
      const at = nowIso(clock);
      const base = limits.baseUrl ?? `${req.protocol}://${req.host}`;
      const { captchaToken: _token, ...kept } = req.body;
      return replyCreatedIdempotently(reply, database, { key, scope, body: req.body, at }, async (trx) => {
        const record = await submitPublicFeedback({
          trx,
          at,
          ip: req.ip,
          dialect: database.dialect,
          timeZone: config.businessTimeZone,
          body: req.body,
          contact,
          attachments: await claimUploads(trx, req.body.attachments, {
            at,
            maxCount: config.attachments.maxCount,
          }),
          original: {
            channel: req.body.channel ?? 'portal',
            source: 'public',
            contentType: req.headers['content-type'] ?? null,
            // The CAPTCHA token is a one-time credential, not part of what the customer said.
            body: req.body.captchaToken === undefined ? rawBodyOf(req) : JSON.stringify(kept),
            remoteIp: req.ip,
          },
        });
        const body = {
          data: {
            id: record.id,
            number: record.number,
            status: record.status,
            trackingUrl: `${base}/track/${encodeURIComponent(record.number)}`,
          },
        };
        return { body, resourceId: record.id };
      });
    },
  );
};

/** Generic inbound webhooks: the body is kept as bytes so the HMAC is checked over exactly what was sent. */
const hookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  keepRawBodies(app);

  app.post(
    '/intake/hooks/:slug',
    {
      schema: {
        tags: ['intake'],
        summary: 'Receive a delivery from a configured webhook source (HMAC-signed)',
        description:
          'The signature header carries HMAC-SHA256 (hex or base64, optionally `sha256=`) over the raw body, ' +
          'or over `<timestamp>.<body>` when the source has a timestamp header (Unix seconds). Wrong or ' +
          'missing signature: 401 signature_invalid, nothing stored; stale timestamp: 401 signature_expired. ' +
          'A redelivery with a known source id answers 200 with the existing item; a payload the mapping ' +
          'cannot read answers 422 mapping_failed (its raw body is kept as rejected).',
        security: [],
        params: ZHookParams,
        response: { 200: ZHookResponse, 201: ZHookResponse },
      },
    },
    async (req, reply) => {
      const now = clock();
      const result = await receiveHook(database, {
        timeZone: config.businessTimeZone,
        delivery: {
          slug: req.params.slug,
          body: rawBodyOf(req) ?? Buffer.alloc(0),
          contentType: req.headers['content-type'] ?? null,
          headers: req.headers,
          remoteIp: req.ip,
          at: now.toISOString(),
          now,
        },
      });
      const { record } = result;
      return reply
        .status(result.replayed ? 200 : 201)
        .send({ data: { id: record.id, number: record.number, status: record.status } });
    },
  );
};

/** The intake endpoints (mounted under /api/v1). */
export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;

  await app.register(publicRoutes);
  await app.register(hookRoutes);

  app.post(
    '/intake/calls',
    {
      schema: {
        tags: ['intake'],
        summary:
          'Log a phone call (agent, supervisor, admin or API key); the caller is found or created by phone',
        headers: ZIdempotencyHeaders,
        body: ZLogCall,
        response: { 200: ZFeedbackResponse, 201: ZFeedbackResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeLogCall(req.actor);
      const key = parseIdempotencyKey(req.headers['idempotency-key']);
      const at = nowIso(clock);
      return replyCreatedIdempotently(
        reply,
        database,
        { key, scope: idempotencyScope(actor, CALL_ROUTE), body: req.body, at },
        async (trx) => {
          const record = await logCall({
            trx,
            actor,
            at,
            ip: req.ip,
            dialect: database.dialect,
            timeZone: config.businessTimeZone,
            call: req.body,
          });
          const body = { data: presentForAgent(await loadFeedbackView(trx, record), req.locale) };
          return { body, resourceId: record.id };
        },
      );
    },
  );

  app.get(
    '/feedback/:id/originals',
    {
      schema: {
        tags: ['intake'],
        summary: 'The raw originals of an item, exactly as they arrived (admin, supervisor, agent)',
        params: ZFeedbackIdParams,
        response: { 200: ZSubmissionListResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      authorizeReadOriginals(req.actor);
      const rows = await listSubmissionsOfFeedback(db, item.id);
      return { data: rows.map(presentSubmission) };
    },
  );

  app.get(
    '/intake/source-presets',
    {
      schema: {
        tags: ['intake'],
        summary: 'Ready-made webhook mappings (generic SMS gateway, generic review feed)',
        response: { 200: ZSourcePresetListResponse },
      },
    },
    async (req) => {
      authorizeManageSources(req.actor);
      return { data: presentPresets(req.locale) };
    },
  );

  app.get(
    '/intake/sources',
    {
      schema: {
        tags: ['intake'],
        summary: 'Webhook sources (admin)',
        response: { 200: ZIntakeSourceListResponse },
      },
    },
    async (req) => {
      authorizeManageSources(req.actor);
      return { data: (await listSources(db)).map(presentSource) };
    },
  );

  app.post(
    '/intake/sources',
    {
      schema: {
        tags: ['intake'],
        summary: 'Create a webhook source (admin); the answer shows its secret once',
        body: ZCreateIntakeSource,
        response: { 201: ZIntakeSourceWithSecretResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageSources(req.actor);
      const { row, secret } = await createSource(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        input: req.body,
      });
      return reply.status(201).send({ data: { ...presentSource(row), secret } });
    },
  );

  app.get(
    '/intake/sources/:id',
    {
      schema: {
        tags: ['intake'],
        summary: 'One webhook source (admin)',
        params: ZIntakeSourceIdParams,
        response: { 200: ZIntakeSourceResponse },
      },
    },
    async (req) => {
      authorizeManageSources(req.actor);
      return { data: presentSource(await getSourceOrThrow(db, req.params.id)) };
    },
  );

  app.patch(
    '/intake/sources/:id',
    {
      schema: {
        tags: ['intake'],
        summary: 'Change a webhook source (admin)',
        params: ZIntakeSourceIdParams,
        body: ZUpdateIntakeSource,
        response: { 200: ZIntakeSourceResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageSources(req.actor);
      const row = await updateSource(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
        changes: req.body,
      });
      return { data: presentSource(row) };
    },
  );

  app.post(
    '/intake/sources/:id/secret',
    {
      schema: {
        tags: ['intake'],
        summary: 'Issue a new secret for a webhook source (admin); the old one stops working',
        params: ZIntakeSourceIdParams,
        response: { 200: ZIntakeSourceWithSecretResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageSources(req.actor);
      const { row, secret } = await rotateSourceSecret(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
      });
      return { data: { ...presentSource(row), secret } };
    },
  );

  app.delete(
    '/intake/sources/:id',
    {
      schema: { tags: ['intake'], summary: 'Delete a webhook source (admin)', params: ZIntakeSourceIdParams },
    },
    async (req, reply) => {
      const actor = authorizeManageSources(req.actor);
      await deleteSource(db, { actor, at: nowIso(clock), ip: req.ip, id: req.params.id });
      return reply.status(204).send();
    },
  );
};
