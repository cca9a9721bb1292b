import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { insertUpload } from '../attachments/attachments.repository.js';
import {
  type AttachmentConfig,
  discardPreparedAttachments,
  type PreparedAttachment,
  prepareAttachment,
} from '../attachments/storage.js';

export interface StagedUpload {
  token: string;
  prepared: PreparedAttachment;
  expiresAt: string;
}

export function hashUploadToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * First step of the two-step upload: stores the file (size, type and name checked by prepareAttachment)
 * and records it under a random one-time token, valid for `ATTACHMENT_UPLOAD_TTL_HOURS`. Only the token's
 * hash is kept. A failed insert removes the file.
 */
export async function stageUpload(
  database: Pick<DatabaseHandle, 'write'>,
  config: AttachmentConfig & { attachments: { uploadTtlHours: number } },
  input: {
    fileName: string | null;
    stream: Readable;
    now: Date;
    uploadedBy: { type: 'user' | 'api_key' | 'customer'; id: string | null };
    remoteIp: string | null;
  },
): Promise<StagedUpload> {
  const prepared = await prepareAttachment(config, {
    fileName: input.fileName,
    stream: input.stream,
    at: input.now,
  });
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(
    input.now.getTime() + config.attachments.uploadTtlHours * 3_600_000,
  ).toISOString();
  try {
    await database.write((trx) =>
      insertUpload(trx, {
        token_hash: hashUploadToken(token),
        storage_key: prepared.storageKey,
        file_name: prepared.fileName,
        content_type: prepared.contentType,
        size_bytes: prepared.sizeBytes,
        sha256: prepared.sha256,
        uploaded_by_type: input.uploadedBy.type,
        uploaded_by_id: input.uploadedBy.id,
        remote_ip: input.remoteIp,
        created_at: input.now.toISOString(),
        expires_at: expiresAt,
        consumed_at: null,
        attachment_id: null,
      }),
    );
  } catch (error) {
    await discardPreparedAttachments(config, [prepared]);
    throw error;
  }
  return { token, prepared, expiresAt };
}
