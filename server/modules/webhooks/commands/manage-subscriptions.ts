import { randomBytes } from 'node:crypto';
import type { CreateWebhook, UpdateWebhook } from '../../../../shared/contracts/webhooks.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Config } from '../../../platform/config/config.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { type Lookup, resolveDestination } from '../destination.js';
import * as repo from '../webhooks.repository.js';
import { effectiveSettings } from './settings.js';

interface Base {
  actor: Actor;
  at: string;
  ip: string | null;
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

async function audit(db: DbOrTrx, base: Base, action: string, id: string, details?: unknown) {
  await recordAudit(db, {
    actor: base.actor,
    action,
    entityType: 'webhook_subscription',
    entityId: id,
    ip: base.ip,
    at: base.at,
    ...(details === undefined ? {} : { details }),
  });
}

async function checkDestination(db: Db, config: Config, url: string, lookup?: Lookup): Promise<void> {
  const { allowPrivateDestinations } = await effectiveSettings(db, config);
  await resolveDestination(url, { allowPrivate: allowPrivateDestinations, ...(lookup ? { lookup } : {}) });
}

export async function getSubscriptionOrThrow(db: DbOrTrx, id: string): Promise<repo.SubscriptionRow> {
  const row = await repo.findSubscription(db, id);
  if (!row) throw new AppError('webhook_not_found');
  return row;
}

/** Creates a subscription after checking where its URL resolves; the secret is shown only in the answer. */
export async function createSubscription(
  db: Db,
  config: Config,
  options: Base & { input: CreateWebhook; lookup?: Lookup },
): Promise<{ row: repo.SubscriptionRow; secret: string }> {
  const { input, at } = options;
  await checkDestination(db, config, input.url, options.lookup);
  const id = newId();
  const secret = newSecret();
  await db.transaction().execute(async (trx) => {
    await repo.insertSubscription(trx, {
      id,
      url: input.url,
      description: input.description ?? null,
      event_types: JSON.stringify([...new Set(input.eventTypes)]),
      secret,
      active: input.active === false ? 0 : 1,
      consecutive_failures: 0,
      disabled_at: null,
      disabled_reason: null,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, options, 'webhook.created', id, { url: input.url, eventTypes: input.eventTypes });
  });
  return { row: await getSubscriptionOrThrow(db, id), secret };
}

export async function updateSubscription(
  db: Db,
  config: Config,
  options: Base & { id: string; changes: UpdateWebhook; lookup?: Lookup },
): Promise<repo.SubscriptionRow> {
  const { changes, id, at } = options;
  await getSubscriptionOrThrow(db, id);
  if (changes.url !== undefined) await checkDestination(db, config, changes.url, options.lookup);
  await db.transaction().execute(async (trx) => {
    await repo.updateSubscription(trx, id, {
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.eventTypes !== undefined
        ? { event_types: JSON.stringify([...new Set(changes.eventTypes)]) }
        : {}),
      ...(changes.active === true
        ? { active: 1, consecutive_failures: 0, disabled_at: null, disabled_reason: null }
        : {}),
      ...(changes.active === false ? { active: 0 } : {}),
      updated_at: at,
    });
    await audit(trx, options, 'webhook.updated', id, changes);
  });
  return getSubscriptionOrThrow(db, id);
}

/** A new secret, shown once; deliveries are signed with it from now on. */
export async function rotateSecret(
  db: Db,
  options: Base & { id: string },
): Promise<{ row: repo.SubscriptionRow; secret: string }> {
  await getSubscriptionOrThrow(db, options.id);
  const secret = newSecret();
  await db.transaction().execute(async (trx) => {
    await repo.updateSubscription(trx, options.id, { secret, updated_at: options.at });
    await audit(trx, options, 'webhook.secret_rotated', options.id);
  });
  return { row: await getSubscriptionOrThrow(db, options.id), secret };
}

export async function deleteSubscription(db: Db, options: Base & { id: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteSubscription(trx, options.id))) throw new AppError('webhook_not_found');
    await audit(trx, options, 'webhook.deleted', options.id);
  });
}
