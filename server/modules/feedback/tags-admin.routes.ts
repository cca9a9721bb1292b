import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZTagPathQuery, ZUpdateTag } from '../../../shared/contracts/catalog.js';
import { ZTagResponse } from '../../../shared/contracts/feedback.js';
import { nowIso } from '../../platform/db/ids.js';
import { deleteTag, updateTag } from './commands/manage-tags.js';
import { authorizeManageTags } from './feedback.policy.js';

/**
 * Keeping the tag tree: labels of a tag, and removing a tag nothing uses. The path is the identity of a
 * tag (items, triage rules and history store it), so it is given as `?path=` and never renamed here.
 */
export const tagAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.patch(
    '/tags',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Change the labels of a tag: Chinese name and English label (admin, supervisor)',
        querystring: ZTagPathQuery,
        body: ZUpdateTag,
        response: { 200: ZTagResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageTags(req.actor);
      const tag = await database.db
        .transaction()
        .execute((trx) =>
          updateTag({ trx, actor, at: nowIso(clock), ip: req.ip, path: req.query.path, patch: req.body }),
        );
      return { data: { path: tag.path, name: tag.name, labelEn: tag.label_en } };
    },
  );

  app.delete(
    '/tags',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Remove a tag without children that no item carries (admin, supervisor); 409 tag_in_use (with the count) or tag_has_children otherwise',
        querystring: ZTagPathQuery,
      },
    },
    async (req, reply) => {
      const actor = authorizeManageTags(req.actor);
      await database.db
        .transaction()
        .execute((trx) => deleteTag({ trx, actor, at: nowIso(clock), ip: req.ip, path: req.query.path }));
      return reply.status(204).send();
    },
  );
};
