import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZPublicWidgetConfigResponse,
  ZUpdateWidgetSettings,
  ZWidgetSettingsResponse,
} from '../../../../shared/contracts/widget.js';
import { nowIso } from '../../../platform/db/ids.js';
import { authorizeManageSources } from '../intake.policy.js';
import { updateWidgetSettings, widgetOrigins, widgetSettings } from './widget-settings.js';

const SCRIPT = readFileSync(new URL('./widget-script.js', import.meta.url));
const SCRIPT_ETAG = `"${createHash('sha256').update(SCRIPT).digest('base64url').slice(0, 22)}"`;

/** The embeddable widget: its script, its public start-up settings and the admin settings (absolute paths). */
export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;
  app.publicOrigins.addSource(() => widgetOrigins(db));
  const baseUrlOf = (req: { protocol: string; host: string }) =>
    config.publicIntake.baseUrl ?? `${req.protocol}://${req.host}`;

  app.get(
    '/widget.js',
    {
      schema: {
        tags: ['public'],
        summary: 'The embeddable feedback widget (one <script> tag)',
        security: [],
      },
    },
    async (req, reply) => {
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('etag', SCRIPT_ETAG)
        .header('x-content-type-options', 'nosniff')
        .header('cross-origin-resource-policy', 'cross-origin');
      if (req.headers['if-none-match'] === SCRIPT_ETAG) return reply.status(304).send();
      return reply.send(SCRIPT);
    },
  );

  app.get(
    '/api/v1/public/widget/config',
    {
      schema: {
        tags: ['public'],
        summary: 'Colours, language and position the widget starts with (no authentication)',
        security: [],
        response: { 200: ZPublicWidgetConfigResponse },
      },
    },
    async (req) => {
      const settings = await widgetSettings(db, config, baseUrlOf(req));
      return {
        data: {
          primaryColor: settings.primaryColor,
          language: settings.language,
          position: settings.position,
          captchaRequired: config.publicIntake.captchaSecret !== undefined,
        },
      };
    },
  );

  app.get(
    '/api/v1/intake/widget',
    {
      schema: {
        tags: ['intake'],
        summary: 'Widget settings and the snippet to paste into a page (admin)',
        response: { 200: ZWidgetSettingsResponse },
      },
    },
    async (req) => {
      authorizeManageSources(req.actor);
      return { data: await widgetSettings(db, config, baseUrlOf(req)) };
    },
  );

  app.put(
    '/api/v1/intake/widget',
    {
      schema: {
        tags: ['intake'],
        summary: 'Change the widget settings: allowed origins (CORS), colour, language, position (admin)',
        description:
          'Only pages on `allowedOrigins` (and on WIDGET_ALLOWED_ORIGINS) may call the public API from a ' +
          'browser. An origin is scheme + host + optional port, e.g. https://shop.example.com.',
        body: ZUpdateWidgetSettings,
        response: { 200: ZWidgetSettingsResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageSources(req.actor);
      await updateWidgetSettings(db, { actor, at: nowIso(clock), ip: req.ip, changes: req.body });
      app.publicOrigins.invalidate();
      return { data: await widgetSettings(db, config, baseUrlOf(req)) };
    },
  );
};
