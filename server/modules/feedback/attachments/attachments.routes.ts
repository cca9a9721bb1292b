import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAttachmentParams, ZUploadQuery, ZUploadResponse } from '../../../../shared/contracts/feedback.js';
import { AppError } from '../../../platform/http/errors.js';
import { stageUpload } from '../commands/stage-upload.js';
import { authorizeFeedback, authorizeUpload } from '../feedback.policy.js';
import { isUuid } from '../feedback.repository.js';
import { getFeedbackOrThrow } from '../queries/get-feedback.js';
import { findAttachment } from './attachments.repository.js';
import { contentDisposition, decodeHeaderFileName } from './file-name.js';
import { openStoredFile } from './storage.js';

const UPLOAD_DESCRIPTION =
  'The request body is the file itself (any Content-Type: the type is decided from the content). The name ' +
  "comes from `?filename=` or the `X-File-Name` header (percent-encoded UTF-8 or RFC 5987 `UTF-8''…`). " +
  'Larger than ATTACHMENT_MAX_BYTES (default 10 MiB): 413 attachment_too_large and nothing is stored; a ' +
  'type outside the allow-list (images, PDF, Office, text, CSV, ZIP, MP3/M4A/WAV/AMR, MP4): 415 ' +
  'attachment_type_not_allowed. The answer carries a one-time token for `attachments` of a submission or ' +
  'message, valid for ATTACHMENT_UPLOAD_TTL_HOURS (24).';

/** Every body reaches the handler as the raw request stream (no buffering, no parsing). */
function streamBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
}

function bodyStream(req: FastifyRequest): Readable {
  const body = req.body as Readable | undefined;
  return body && typeof body.pipe === 'function' ? body : req.raw;
}

/** 413 before reading anything when the declared length is already too large. */
function refuseDeclaredOversize(req: FastifyRequest, reply: FastifyReply, max: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    reply.header('connection', 'close');
    throw new AppError('attachment_too_large', { params: { limit: max } });
  }
}

/** Upload endpoints (public and staff), in a plugin of their own so only they take raw bodies. */
const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const max = config.attachments.maxBytes;
  const limits = config.publicIntake;
  streamBodies(app);

  async function upload(
    req: FastifyRequest,
    reply: FastifyReply,
    queryName: string | undefined,
    uploadedBy: { type: 'user' | 'api_key' | 'customer'; id: string | null },
  ) {
    refuseDeclaredOversize(req, reply, max);
    const fileName = queryName ?? decodeHeaderFileName(req.headers['x-file-name']);
    try {
      const staged = await stageUpload(database, config, {
        fileName,
        stream: bodyStream(req),
        now: clock(),
        uploadedBy,
        remoteIp: req.ip,
      });
      const p = staged.prepared;
      return reply.status(201).send({
        data: {
          token: staged.token,
          fileName: p.fileName,
          contentType: p.contentType,
          sizeBytes: p.sizeBytes,
          expiresAt: staged.expiresAt,
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'attachment_too_large')
        reply.header('connection', 'close');
      throw error;
    }
  }

  app.post(
    '/public/attachments',
    {
      schema: {
        tags: ['public'],
        summary: 'Upload a file for a portal or widget submission (no authentication)',
        description: `${UPLOAD_DESCRIPTION} Limited per IP like public submissions (429 rate_limited).`,
        security: [],
        querystring: ZUploadQuery,
        response: { 201: ZUploadResponse },
      },
      config: {
        rateLimit: {
          max: limits.rateLimitPerIp,
          timeWindow: limits.rateLimitWindowSeconds * 1000,
          keyGenerator: (req) => `public-attachments:ip:${req.ip}`,
        },
      },
    },
    (req, reply) => upload(req, reply, req.query.filename, { type: 'customer', id: null }),
  );

  app.post(
    '/attachments',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Upload a file to attach to a new item or a message (staff)',
        description: UPLOAD_DESCRIPTION,
        querystring: ZUploadQuery,
        response: { 201: ZUploadResponse },
      },
    },
    (req, reply) => {
      const actor = authorizeUpload(req.actor);
      const by = { type: actor.type === 'api_key' ? ('api_key' as const) : ('user' as const), id: actor.id };
      return upload(req, reply, req.query.filename, by);
    },
  );
};

/** Uploads and downloads of attachments (mounted under /api/v1). */
export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.ctx;
  await app.register(uploadRoutes);

  app.get(
    '/feedback/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Download an attachment (staff who can see the item)',
        description:
          'Streams the file with the detected Content-Type, `Content-Disposition: attachment` (filename* in ' +
          'UTF-8), `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`. 404 when the ' +
          'item is not visible to the caller or has no such attachment.',
        params: ZAttachmentParams,
      },
    },
    async (req, reply) => {
      const item = await getFeedbackOrThrow(database.db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      const { attachmentId } = req.params;
      const row = isUuid(attachmentId) ? await findAttachment(database.db, item.id, attachmentId) : undefined;
      const file = row ? await openStoredFile(config.dataDir, row.storage_key) : null;
      if (!row || !file) throw new AppError('attachment_not_found');
      return reply
        .header('content-type', row.content_type)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(row.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
};
