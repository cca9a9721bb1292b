import type { UpdateTag } from '../../../../shared/contracts/catalog.js';
import { normalizeTagPath } from '../../../../shared/feedback/tags.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { findTag, type TagRow } from '../tags.repository.js';
import { countItemsWithTag, deleteTagRow, hasChildTags, updateTagLabels } from '../tags-admin.repository.js';
import type { CommandBase } from './change.js';

async function tagOrThrow(options: CommandBase & { path: string }): Promise<TagRow> {
  const tag = await findTag(options.trx, normalizeTagPath(options.path));
  if (!tag) throw new AppError('tag_not_found');
  return tag;
}

/**
 * Changes the display labels of a tag: `name` (Chinese) and `labelEn`. The path — what items, rules and
 * history store — never changes, so no item is rewritten.
 */
export async function updateTag(options: CommandBase & { path: string; patch: UpdateTag }): Promise<TagRow> {
  const { trx, patch } = options;
  const before = await tagOrThrow(options);
  const values = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.labelEn !== undefined ? { label_en: patch.labelEn } : {}),
  };
  await updateTagLabels(trx, before.path, values);
  await recordAudit(trx, {
    actor: options.actor,
    action: 'tag.updated',
    entityType: 'tag',
    entityId: before.path,
    details: { from: { name: before.name, labelEn: before.label_en }, changes: patch },
    ip: options.ip ?? null,
    at: options.at,
  });
  return { ...before, ...values };
}

/** Removes a leaf tag no item carries; 409 tag_has_children or tag_in_use (with the count) otherwise. */
export async function deleteTag(options: CommandBase & { path: string }): Promise<void> {
  const { trx } = options;
  const tag = await tagOrThrow(options);
  if (await hasChildTags(trx, tag.path)) throw new AppError('tag_has_children');
  const count = await countItemsWithTag(trx, tag.path);
  if (count > 0) throw new AppError('tag_in_use', { params: { count }, details: { count } });
  await deleteTagRow(trx, tag.path);
  await recordAudit(trx, {
    actor: options.actor,
    action: 'tag.deleted',
    entityType: 'tag',
    entityId: tag.path,
    details: { name: tag.name, labelEn: tag.label_en },
    ip: options.ip ?? null,
    at: options.at,
  });
}
