import {
  channelsOfKind,
  MESSAGE_TEMPLATE_VARIABLES,
  type MessageTemplateChannel,
  type MessageTemplateKind,
  type MessageTemplateLocale,
  type PutMessageTemplate,
} from '../../../../shared/contracts/message-templates.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { unknownVariables } from '../../canned/index.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../templates.repository.js';

export interface TemplateKey {
  kind: MessageTemplateKind;
  channel: MessageTemplateChannel;
  locale: MessageTemplateLocale;
}

interface Base {
  actor: Actor;
  at: string;
  ip: string | null;
}

/** 404 message_template_not_found for a kind not sent on that channel (the mail acknowledgement by SMS). */
export function assertTemplateKey(key: TemplateKey): void {
  if (!channelsOfKind(key.kind).includes(key.channel)) throw new AppError('message_template_not_found');
}

/**
 * Checks a draft: an email needs a subject and an SMS has none (400 message_template_subject_invalid);
 * every `{{variable}}` must be one of the kind's (422 message_template_variable_unknown naming all unknown).
 */
export function checkTemplateText(
  key: TemplateKey,
  text: { subject?: string | null | undefined; body: string },
): void {
  const hasSubject = text.subject !== undefined && text.subject !== null;
  if ((key.channel === 'email') !== hasSubject) throw new AppError('message_template_subject_invalid');
  const allowed = MESSAGE_TEMPLATE_VARIABLES[key.kind];
  const unknown = [
    ...new Set([...unknownVariables(text.subject ?? '', allowed), ...unknownVariables(text.body, allowed)]),
  ];
  if (unknown.length > 0)
    throw new AppError('message_template_variable_unknown', {
      params: {
        names: unknown.map((n) => `{{${n}}}`).join(', '),
        allowed: allowed.map((n) => `{{${n}}}`).join(', '),
      },
      details: { unknown, allowed },
    });
}

/** Saves an admin's text for a kind, channel and language (replacing an earlier one); audited. */
export async function saveTemplate(
  db: Db,
  options: Base & { key: TemplateKey; input: PutMessageTemplate },
): Promise<repo.MessageTemplateRow> {
  const { key, input, actor, at } = options;
  assertTemplateKey(key);
  checkTemplateText(key, input);
  const row: repo.MessageTemplateRow = {
    ...key,
    subject: key.channel === 'email' ? (input.subject ?? null) : null,
    body: input.body,
    updated_by: actor.type === 'user' ? actor.id : null,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, key);
    await repo.upsertOverride(trx, row);
    await recordAudit(trx, {
      actor,
      action: 'message_template.saved',
      entityType: 'message_template',
      entityId: `${key.kind}/${key.channel}/${key.locale}`,
      ip: options.ip,
      at,
      details: { ...key, replaced: before !== undefined },
    });
  });
  return row;
}

/** Drops the override: the default in the code is sent again. Audited when there was one. */
export async function resetTemplate(db: Db, options: Base & { key: TemplateKey }): Promise<boolean> {
  const { key } = options;
  assertTemplateKey(key);
  return db.transaction().execute(async (trx) => {
    const removed = await repo.deleteOverride(trx, key);
    if (removed)
      await recordAudit(trx, {
        actor: options.actor,
        action: 'message_template.reset',
        entityType: 'message_template',
        entityId: `${key.kind}/${key.channel}/${key.locale}`,
        ip: options.ip,
        at: options.at,
        details: key,
      });
    return removed;
  });
}
