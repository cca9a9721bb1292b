import type {
  UpdateWidgetSettings,
  WIDGET_LANGUAGES,
  WIDGET_POSITIONS,
  WidgetSettings,
} from '../../../../shared/contracts/widget.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Config } from '../../../platform/config/config.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { recordAudit } from '../../identity/index.js';
import { findWidgetSettings, upsertWidgetSettings, type WidgetSettingsRow } from './widget.repository.js';

const DEFAULTS = { primaryColor: '#1f6feb', language: 'auto', position: 'right' } as const;

function storedOrigins(row: WidgetSettingsRow | undefined): string[] {
  if (!row) return [];
  const value: unknown = JSON.parse(row.allowed_origins);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Origins admins allowed in the settings (the environment's are added by the platform's CORS policy). */
export async function widgetOrigins(db: DbOrTrx): Promise<string[]> {
  return storedOrigins(await findWidgetSettings(db));
}

export async function widgetSettings(db: DbOrTrx, config: Config, baseUrl: string): Promise<WidgetSettings> {
  const row = await findWidgetSettings(db);
  return {
    allowedOrigins: storedOrigins(row),
    environmentOrigins: [...config.widgetAllowedOrigins],
    primaryColor: row?.primary_color ?? DEFAULTS.primaryColor,
    language: (row?.language ?? DEFAULTS.language) as (typeof WIDGET_LANGUAGES)[number],
    position: (row?.position ?? DEFAULTS.position) as (typeof WIDGET_POSITIONS)[number],
    updatedAt: row?.updated_at ?? null,
    snippet: `<script src="${baseUrl}/widget.js" async></script>`,
  };
}

export async function updateWidgetSettings(
  db: Db,
  options: { actor: Actor; at: string; ip: string | null; changes: UpdateWidgetSettings },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findWidgetSettings(trx);
    const { changes } = options;
    await upsertWidgetSettings(trx, {
      id: 'default',
      allowed_origins: JSON.stringify([...new Set(changes.allowedOrigins ?? storedOrigins(row))]),
      primary_color: changes.primaryColor ?? row?.primary_color ?? DEFAULTS.primaryColor,
      language: changes.language ?? row?.language ?? DEFAULTS.language,
      position: changes.position ?? row?.position ?? DEFAULTS.position,
      updated_at: options.at,
    });
    await recordAudit(trx, {
      actor: options.actor,
      action: 'widget_settings.updated',
      entityType: 'widget_settings',
      entityId: null,
      details: changes,
      ip: options.ip,
      at: options.at,
    });
  });
}
