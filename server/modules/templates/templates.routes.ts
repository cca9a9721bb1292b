import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  channelsOfKind,
  MESSAGE_TEMPLATE_KINDS,
  MESSAGE_TEMPLATE_LOCALES,
  ZMessageTemplateListResponse,
  ZMessageTemplateParams,
  ZMessageTemplatePreviewResponse,
  ZMessageTemplateResponse,
  ZPreviewMessageTemplate,
  ZPutMessageTemplate,
} from '../../../shared/contracts/message-templates.js';
import { nowIso } from '../../platform/db/ids.js';
import {
  assertTemplateKey,
  checkTemplateText,
  resetTemplate,
  saveTemplate,
  type TemplateKey,
} from './commands/manage-templates.js';
import { defaultTemplate, fillText, sampleValues } from './messages.js';
import { authorizeManageTemplates } from './templates.policy.js';
import { presentTemplate } from './templates.presenter.js';
import { findOverride, listOverrides } from './templates.repository.js';

const TAG = 'message-templates';

/** Customer message templates (admins): the notices' and mail acknowledgement's texts, default or overridden. */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;

  app.get(
    '/message-templates',
    {
      schema: {
        tags: [TAG],
        summary:
          'Every customer message template: kind × channel × language, the text in force and the default',
        description:
          'Kinds: the status notices accepted, assigned, resolved, reopened, closed (email and SMS) and the ' +
          'acknowledgement of an item received by email (email only). Without an override (`isDefault`) the ' +
          'default in the code is sent. Admins only.',
        response: { 200: ZMessageTemplateListResponse },
      },
    },
    async (req) => {
      authorizeManageTemplates(req.actor);
      const rows = await listOverrides(db);
      const data = MESSAGE_TEMPLATE_KINDS.flatMap((kind) =>
        channelsOfKind(kind).flatMap((channel) =>
          MESSAGE_TEMPLATE_LOCALES.map((locale) =>
            presentTemplate(
              { kind, channel, locale },
              rows.find((r) => r.kind === kind && r.channel === channel && r.locale === locale),
            ),
          ),
        ),
      );
      return { data };
    },
  );

  app.put(
    '/message-templates/:kind/:channel/:locale',
    {
      schema: {
        tags: [TAG],
        summary: 'Override a customer message template (admins)',
        description:
          'An email needs a subject, an SMS has none (400 message_template_subject_invalid). Only the ' +
          'variables of the kind may be used; unknown ones answer 422 message_template_variable_unknown with ' +
          '`details.unknown` (all of them) and `details.allowed`.',
        params: ZMessageTemplateParams,
        body: ZPutMessageTemplate,
        response: { 200: ZMessageTemplateResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageTemplates(req.actor);
      const key: TemplateKey = req.params;
      const row = await saveTemplate(database.db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        key,
        input: req.body,
      });
      return { data: presentTemplate(key, row) };
    },
  );

  app.delete(
    '/message-templates/:kind/:channel/:locale',
    {
      schema: {
        tags: [TAG],
        summary: 'Back to the default text (drops the override; admins)',
        params: ZMessageTemplateParams,
        response: { 200: ZMessageTemplateResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageTemplates(req.actor);
      const key: TemplateKey = req.params;
      await resetTemplate(db, { actor, at: nowIso(clock), ip: req.ip, key });
      return { data: presentTemplate(key, undefined) };
    },
  );

  app.post(
    '/message-templates/:kind/:channel/:locale/preview',
    {
      schema: {
        tags: [TAG],
        summary: 'Render a template with sample values (a draft from the body, else the text in force)',
        description:
          'Nothing is saved. A draft is checked like a save (400 message_template_subject_invalid, 422 ' +
          'message_template_variable_unknown).',
        params: ZMessageTemplateParams,
        body: ZPreviewMessageTemplate,
        response: { 200: ZMessageTemplatePreviewResponse },
      },
    },
    async (req) => {
      authorizeManageTemplates(req.actor);
      const key: TemplateKey = req.params;
      assertTemplateKey(key);
      let text: { subject: string | null; body: string };
      if (req.body.body !== undefined) {
        checkTemplateText(key, { subject: req.body.subject, body: req.body.body });
        text = { subject: req.body.subject ?? null, body: req.body.body };
      } else {
        const row = await findOverride(db, key);
        text = row
          ? { subject: row.subject, body: row.body }
          : defaultTemplate(key.kind, key.channel, key.locale);
      }
      const sample = sampleValues(key.kind, key.locale);
      const filled = fillText(text, null, sample);
      return { data: { subject: filled.subject, body: filled.text, sample } };
    },
  );
};
