import type { Trx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { claimUpload, findUpload } from '../attachments/attachments.repository.js';
import type { PreparedAttachment } from '../attachments/storage.js';
import { hashUploadToken } from './stage-upload.js';

/**
 * Second step of the two-step upload, in the transaction that creates the item or message: each token is
 * marked used and its staged file becomes a prepared attachment (the file stays where it is). More tokens
 * than `maxCount` → 400 attachment_count_exceeded; an unknown, expired or already used token → 400
 * attachment_token_invalid / _expired / _used (details: which one). A rolled-back transaction leaves the
 * uploads unused.
 */
export async function claimUploads(
  trx: Trx,
  tokens: string[] | undefined,
  options: { at: string; maxCount: number; path?: string },
): Promise<PreparedAttachment[]> {
  if (!tokens || tokens.length === 0) return [];
  const path = options.path ?? 'attachments';
  if (tokens.length > options.maxCount)
    throw new AppError('attachment_count_exceeded', {
      params: { max: options.maxCount },
      details: [{ path, code: 'too_many' }],
    });
  const prepared: PreparedAttachment[] = [];
  for (const [index, token] of tokens.entries()) {
    const hash = hashUploadToken(token);
    const id = newId();
    const row = await claimUpload(trx, hash, options.at, id);
    if (!row) {
      const found = await findUpload(trx, hash);
      const code = !found
        ? 'attachment_token_invalid'
        : found.consumed_at !== null
          ? 'attachment_token_used'
          : 'attachment_token_expired';
      throw new AppError(code, { details: [{ path: `${path}.${index}` }] });
    }
    prepared.push({
      id,
      storageKey: row.storage_key,
      fileName: row.file_name,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
    });
  }
  return prepared;
}
