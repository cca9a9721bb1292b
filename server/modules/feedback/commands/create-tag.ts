import { normalizeTagPath } from '../../../../shared/feedback/tags.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { ensureTagPaths, findTag, type TagRow } from '../tags.repository.js';
import type { CommandBase } from './change.js';

/** Adds a tag (and its missing parents) to the tag tree; an existing tag only gets its English label. */
export async function createTag(
  options: CommandBase & { path: string; labelEn?: string | null },
): Promise<{ tag: TagRow; created: boolean }> {
  const { trx, actor, at } = options;
  const path = normalizeTagPath(options.path);
  if (!path)
    throw new AppError('validation_failed', {
      details: [{ path: 'path', code: 'empty', message: 'The tag path has no levels.' }],
    });
  const existed = (await findTag(trx, path)) !== undefined;
  await ensureTagPaths(trx, [path], at, options.labelEn ? new Map([[path, options.labelEn]]) : new Map());
  await recordAudit(trx, {
    actor,
    action: existed ? 'tag.updated' : 'tag.created',
    entityType: 'tag',
    entityId: path,
    details: { labelEn: options.labelEn ?? null },
    ip: options.ip ?? null,
    at,
  });
  return { tag: (await findTag(trx, path))!, created: !existed };
}
