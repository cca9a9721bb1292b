import type { WebhookSettings } from '../../../../shared/contracts/webhooks.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Config } from '../../../platform/config/config.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../webhooks.repository.js';

/** The admin's settings, falling back to the environment; the environment can only allow more, never less. */
export async function effectiveSettings(db: DbOrTrx, config: Config): Promise<WebhookSettings> {
  const row = await repo.findSettings(db);
  return {
    allowPrivateDestinations:
      config.webhooks.allowPrivateDestinations || Number(row?.allow_private_destinations ?? 0) === 1,
    maxConsecutiveFailures: row
      ? Number(row.max_consecutive_failures)
      : config.webhooks.maxConsecutiveFailures,
  };
}

export async function updateSettings(
  db: Db,
  config: Config,
  options: { actor: Actor; at: string; ip: string | null; changes: Partial<WebhookSettings> },
): Promise<WebhookSettings> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findSettings(trx);
    const allow =
      options.changes.allowPrivateDestinations ?? Number(row?.allow_private_destinations ?? 0) === 1;
    await repo.upsertSettings(trx, {
      id: 'default',
      allow_private_destinations: allow ? 1 : 0,
      max_consecutive_failures:
        options.changes.maxConsecutiveFailures ??
        (row ? Number(row.max_consecutive_failures) : config.webhooks.maxConsecutiveFailures),
      updated_at: options.at,
    });
    await recordAudit(trx, {
      actor: options.actor,
      action: 'webhook_settings.updated',
      entityType: 'webhook_settings',
      entityId: null,
      details: options.changes,
      ip: options.ip,
      at: options.at,
    });
  });
  return effectiveSettings(db, config);
}
