import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCreateTag, ZTagResponse, ZTagTreeResponse } from '../../../shared/contracts/feedback.js';
import { nowIso } from '../../platform/db/ids.js';
import { createTag } from './commands/create-tag.js';
import { authorizeManageTags, authorizeReadFeedback } from './feedback.policy.js';
import { presentTagTree } from './feedback.presenter.js';
import { listTags } from './queries/timeline.js';
import { tagAdminRoutes } from './tags-admin.routes.js';

/** The hierarchical tag tree (标签体系). */
export const tagRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.get(
    '/tags',
    {
      schema: {
        tags: ['feedback'],
        summary: 'The tag tree',
        response: { 200: ZTagTreeResponse },
      },
    },
    async (req) => {
      authorizeReadFeedback(req.actor);
      return { data: presentTagTree(await listTags(database.db)) };
    },
  );

  app.post(
    '/tags',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add a tag (and its missing parents) to the tree (admin, supervisor)',
        body: ZCreateTag,
        response: { 200: ZTagResponse, 201: ZTagResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageTags(req.actor);
      const { tag, created } = await database.db.transaction().execute((trx) =>
        createTag({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          path: req.body.path,
          labelEn: req.body.labelEn ?? null,
        }),
      );
      return reply
        .status(created ? 201 : 200)
        .send({ data: { path: tag.path, name: tag.name, labelEn: tag.label_en } });
    },
  );

  await app.register(tagAdminRoutes);
};
