import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCustomerTicketResponse,
  ZRatingLinkParams,
  ZRatingLinkResponse,
  ZTrackingCodeAccepted,
  ZTrackingCodeRequest,
  ZTrackingNumberParams,
  ZTrackingRating,
  ZTrackingRatingResponse,
  ZTrackingSessionRequest,
  ZTrackingSessionResponse,
} from '../../../shared/contracts/tracking.js';
import { AppError } from '../../platform/http/errors.js';
import { CLOSURE_LETTER_CSP } from './closure-letter.js';
import { openTrackingSession } from './commands/open-session.js';
import { rateResolution } from './commands/rate-resolution.js';
import { customerRatingsRoutes } from './customer-ratings.routes.js';
import { followUpRoutes } from './follow-ups.routes.js';
import { LOOP_JOBS, TRACKING } from './loop.events.js';
import { getClosureLetterHtml } from './queries/closure-letter.js';
import { getRatingLinkView, itemOfRatingLink } from './queries/rating-link.js';
import { getTrackedTicket, itemOfSession } from './queries/tracked-ticket.js';

const WINDOW_MS = TRACKING.windowMinutes * 60_000;

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Customer tracking without an account: a code to the contact on record, a session, the public timeline. */
export const loopRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, queue, config } = app.ctx;
  // Per client IP and ticket number (the body is read by then), on top of the route's per-IP limit.
  const perNumber = app.createRateLimit({
    max: TRACKING.requestsPerWindow,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `tracking:${req.ip}:${String((req.body as { number?: unknown })?.number ?? '')}`,
  });
  const limitPerNumber = async (
    req: Parameters<typeof perNumber>[0],
    reply: { header(k: string, v: number): unknown },
  ) => {
    const limit = await perNumber(req);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', limit.ttlInSeconds);
    throw new AppError('rate_limited', { params: { after: `${limit.ttlInSeconds} s` } });
  };
  const perIp = { max: TRACKING.requestsPerWindow * 4, timeWindow: WINDOW_MS };

  app.post(
    '/public/tracking/code',
    {
      schema: {
        tags: ['public'],
        summary: 'Ask for a one-time code to follow a ticket (sent to the contact on record)',
        description:
          'Always 202 with the same body: a code is sent only when the number exists and the contact is the ' +
          'email or mobile number given with it, so the answer reveals nothing. A new code replaces the last; ' +
          `it lives ${TRACKING.codeMinutes} minutes. Limited per IP and number (429 rate_limited).`,
        security: [],
        body: ZTrackingCodeRequest,
        response: { 202: ZTrackingCodeAccepted },
      },
      config: { rateLimit: { ...perIp, keyGenerator: (req) => `tracking-code:ip:${req.ip}` } },
      preHandler: limitPerNumber,
    },
    async (req, reply) => {
      // The lookup runs in the background so the answer's timing does not tell whether the ticket exists.
      await database.write((trx) =>
        queue.enqueue(
          LOOP_JOBS.issueTrackingCode,
          { number: req.body.number, contact: req.body.contact, ip: req.ip, locale: req.locale },
          { trx },
        ),
      );
      return reply
        .status(202)
        .send({ data: { accepted: true as const, expiresInMinutes: TRACKING.codeMinutes } });
    },
  );

  app.post(
    '/public/tracking/session',
    {
      schema: {
        tags: ['public'],
        summary: 'Trade a ticket number and its code for a read token (Bearer) valid for an hour',
        description:
          `401 tracking_code_invalid for a wrong code or unknown number (the same answer), 401 tracking_code_expired, ` +
          `429 tracking_attempts_exceeded after ${TRACKING.maxAttempts} wrong codes (ask for a new one).`,
        security: [],
        body: ZTrackingSessionRequest,
        response: { 200: ZTrackingSessionResponse },
      },
      config: { rateLimit: { ...perIp, keyGenerator: (req) => `tracking-session:ip:${req.ip}` } },
      preHandler: limitPerNumber,
    },
    async (req) => ({
      data: await openTrackingSession(database, {
        number: req.body.number,
        code: req.body.code,
        now: clock(),
      }),
    }),
  );

  app.get(
    '/public/tracking/:number',
    {
      schema: {
        tags: ['public'],
        summary:
          'The ticket as its customer sees it: status, handler, expected completion, closure letter, timeline',
        description:
          'Authorization: Bearer <token from /public/tracking/session>. Never shows internal notes, priority, ' +
          'reasons, tags or staff details beyond the handler’s display name. 401 tracking_session_invalid otherwise.',
        security: [],
        params: ZTrackingNumberParams,
        response: { 200: ZCustomerTicketResponse },
      },
    },
    async (req) => ({
      data: await getTrackedTicket(database.db, {
        number: req.params.number,
        token: bearer(req.headers.authorization),
        now: clock(),
        locale: req.locale,
      }),
    }),
  );

  app.post(
    '/public/tracking/:number/rating',
    {
      schema: {
        tags: ['public'],
        summary: 'Confirm a resolution and rate it 1–5 (below 3 reopens the ticket)',
        description:
          'Authorization: Bearer <token from /public/tracking/session>. Only a resolved ticket can be rated, once ' +
          'per resolution (409 rating_not_open / rating_already_given). 3–5 closes it; 1–2 reopens it, raises its ' +
          'priority one tier and notifies the department’s supervisors.',
        security: [],
        params: ZTrackingNumberParams,
        body: ZTrackingRating,
        response: { 200: ZTrackingRatingResponse },
      },
    },
    async (req) => {
      const now = clock();
      const item = await itemOfSession(database.db, {
        number: req.params.number,
        token: bearer(req.headers.authorization),
        now,
      });
      return {
        data: await rateResolution(database, {
          item,
          score: req.body.score,
          comment: req.body.comment || null,
          at: now.toISOString(),
          ip: req.ip,
        }),
      };
    },
  );

  const sendLetter = (reply: FastifyReply, html: string) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CLOSURE_LETTER_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(html);
  const letterOptions = () => ({
    companyName: config.companyName,
    timeZone: config.businessTimeZone,
    now: clock(),
  });
  const letterDescription =
    'A printable bilingual page (投诉结案书 / Closure letter): number, dates, customer, root cause, remedy, ' +
    'prevention, handler, company. Served with a CSP allowing nothing but its own inline stylesheet, and nosniff. ' +
    '409 closure_letter_unavailable before the ticket is resolved.';
  const letterResponse = { 200: z.string().describe('text/html') };

  app.get(
    '/public/tracking/:number/closure-letter',
    {
      schema: {
        tags: ['public'],
        summary: 'The closure letter as a printable HTML page (tracking session)',
        description: `Authorization: Bearer <token from /public/tracking/session>. ${letterDescription}`,
        security: [],
        params: ZTrackingNumberParams,
        response: letterResponse,
      },
    },
    async (req, reply) => {
      const item = await itemOfSession(database.db, {
        number: req.params.number,
        token: bearer(req.headers.authorization),
        now: clock(),
      });
      return sendLetter(reply, await getClosureLetterHtml(database.db, item, letterOptions()));
    },
  );

  const linkErrors =
    '401 rating_link_invalid (forged or malformed), 401 rating_link_expired, 409 rating_link_superseded (the ' +
    'ticket was reopened or resolved again since the link was sent).';
  const perIpLink = (name: string) => ({
    rateLimit: { ...perIp, keyGenerator: (req: { ip: string }) => `rating-link-${name}:ip:${req.ip}` },
  });

  app.get(
    '/public/rating-links/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'What a signed rating link shows: number, status, closure letter, whether it can be rated',
        description: `The token is the \`t\` of the link in the "resolved" notice. ${linkErrors}`,
        security: [],
        params: ZRatingLinkParams,
        response: { 200: ZRatingLinkResponse },
      },
      config: perIpLink('view'),
    },
    async (req) => ({
      data: await getRatingLinkView(database.db, {
        token: req.params.token,
        now: clock(),
        clock,
        locale: req.locale,
      }),
    }),
  );

  app.post(
    '/public/rating-links/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Confirm and rate a resolution through the signed link (below 3 reopens the ticket)',
        description:
          `Same rules as the tracking page: once per resolution (409 rating_not_open / rating_already_given); ` +
          `3–5 closes, 1–2 reopens with priority one tier up. ${linkErrors}`,
        security: [],
        params: ZRatingLinkParams,
        body: ZTrackingRating,
        response: { 200: ZTrackingRatingResponse },
      },
      config: perIpLink('rate'),
    },
    async (req) => {
      const now = clock();
      const { item } = await itemOfRatingLink(database.db, { token: req.params.token, now, clock });
      return {
        data: await rateResolution(database, {
          item,
          score: req.body.score,
          comment: req.body.comment || null,
          at: now.toISOString(),
          ip: req.ip,
          via: 'rating_link',
        }),
      };
    },
  );

  app.get(
    '/public/rating-links/:token/closure-letter',
    {
      schema: {
        tags: ['public'],
        summary: 'The closure letter as a printable HTML page (signed rating link)',
        description: `${letterDescription} ${linkErrors}`,
        security: [],
        params: ZRatingLinkParams,
        response: letterResponse,
      },
      config: perIpLink('letter'),
    },
    async (req, reply) => {
      const { item } = await itemOfRatingLink(database.db, { token: req.params.token, now: clock(), clock });
      return sendLetter(reply, await getClosureLetterHtml(database.db, item, letterOptions()));
    },
  );

  await app.register(followUpRoutes);
  await app.register(customerRatingsRoutes);
};
