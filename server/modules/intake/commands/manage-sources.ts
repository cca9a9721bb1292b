import { randomBytes } from 'node:crypto';
import type {
  CreateIntakeSource,
  HookChannel,
  UpdateIntakeSource,
} from '../../../../shared/contracts/intake.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import * as repo from '../intake.repository.js';
import { checkMapping, type FieldMapping } from '../mapping.js';
import { findPreset } from '../presets.js';

const DEFAULT_SIGNATURE_HEADER = 'x-signature';
const DEFAULT_TOLERANCE_SECONDS = 300;

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function assertSlugFree(db: Db, slug: string, exceptId?: string): Promise<void> {
  const other = await repo.findSourceBySlug(db, slug);
  if (other && other.id !== exceptId) throw new AppError('intake_source_slug_taken');
}

function checkMappingHasDescription(mapping: FieldMapping): void {
  if (!mapping.description)
    throw new AppError('validation_failed', { details: [{ path: 'mapping.description', code: 'required' }] });
  checkMapping(mapping);
}

async function audit(db: DbOrTrx, actor: Actor, at: string, action: string, id: string, ip: string | null) {
  await recordAudit(db, { actor, action, entityType: 'intake_source', entityId: id, ip, at });
}

/** Creates a webhook source (from a preset or from scratch); returns it with its secret, shown only now. */
export async function createSource(
  db: Db,
  options: { actor: Actor; at: string; ip: string | null; input: CreateIntakeSource },
): Promise<{ row: repo.SourceRow; secret: string }> {
  const { input, at } = options;
  const preset = input.preset ? findPreset(input.preset) : undefined;
  const channel: HookChannel | undefined = input.channel ?? preset?.channel;
  if (!channel) throw new AppError('validation_failed', { details: [{ path: 'channel', code: 'required' }] });
  const mapping: FieldMapping = { ...(preset?.mapping ?? {}), ...(input.mapping ?? {}) };
  checkMappingHasDescription(mapping);
  await assertSlugFree(db, input.slug);
  const secret = newSecret();
  const id = newId();
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertSource(trx, {
        id,
        name: input.name,
        slug: input.slug,
        channel,
        secret,
        algorithm: 'sha256',
        signature_header: input.signatureHeader ?? preset?.signatureHeader ?? DEFAULT_SIGNATURE_HEADER,
        timestamp_header:
          input.timestampHeader !== undefined ? input.timestampHeader : (preset?.timestampHeader ?? null),
        tolerance_seconds: input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
        mapping: JSON.stringify(mapping),
        enabled: input.enabled === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      });
      await audit(trx, options.actor, at, 'intake_source.created', id, options.ip);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('intake_source_slug_taken');
    throw error;
  }
  return { row: (await repo.findSourceById(db, id))!, secret };
}

export async function getSourceOrThrow(db: Db, id: string): Promise<repo.SourceRow> {
  const row = await repo.findSourceById(db, id);
  if (!row) throw new AppError('intake_source_not_found');
  return row;
}

export async function updateSource(
  db: Db,
  options: { actor: Actor; at: string; ip: string | null; id: string; changes: UpdateIntakeSource },
): Promise<repo.SourceRow> {
  const { changes, at, id } = options;
  const current = await getSourceOrThrow(db, id);
  if (changes.mapping) checkMappingHasDescription(changes.mapping);
  if (changes.slug && changes.slug !== current.slug) await assertSlugFree(db, changes.slug, id);
  try {
    await db.transaction().execute(async (trx) => {
      await repo.updateSource(trx, id, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
        ...(changes.channel !== undefined ? { channel: changes.channel } : {}),
        ...(changes.signatureHeader !== undefined ? { signature_header: changes.signatureHeader } : {}),
        ...(changes.timestampHeader !== undefined ? { timestamp_header: changes.timestampHeader } : {}),
        ...(changes.toleranceSeconds !== undefined ? { tolerance_seconds: changes.toleranceSeconds } : {}),
        ...(changes.mapping !== undefined ? { mapping: JSON.stringify(changes.mapping) } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
        updated_at: at,
      });
      await audit(trx, options.actor, at, 'intake_source.updated', id, options.ip);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('intake_source_slug_taken');
    throw error;
  }
  return getSourceOrThrow(db, id);
}

/** A new secret, shown once; the old one stops working at once. */
export async function rotateSourceSecret(
  db: Db,
  options: { actor: Actor; at: string; ip: string | null; id: string },
): Promise<{ row: repo.SourceRow; secret: string }> {
  await getSourceOrThrow(db, options.id);
  const secret = newSecret();
  await db.transaction().execute(async (trx) => {
    await repo.updateSource(trx, options.id, { secret, updated_at: options.at });
    await audit(trx, options.actor, options.at, 'intake_source.secret_rotated', options.id, options.ip);
  });
  return { row: await getSourceOrThrow(db, options.id), secret };
}

export async function deleteSource(
  db: Db,
  options: { actor: Actor; at: string; ip: string | null; id: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteSource(trx, options.id))) throw new AppError('intake_source_not_found');
    await audit(trx, options.actor, options.at, 'intake_source.deleted', options.id, options.ip);
  });
}
