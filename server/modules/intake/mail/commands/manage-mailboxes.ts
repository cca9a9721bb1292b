import type { CreateMailbox, UpdateMailbox } from '../../../../../shared/contracts/mail.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Db, DbOrTrx } from '../../../../platform/db/database.js';
import { newId } from '../../../../platform/db/ids.js';
import { AppError } from '../../../../platform/http/errors.js';
import { recordAudit } from '../../../identity/index.js';
import * as repo from '../mail.repository.js';

interface Base {
  actor: Actor;
  at: string;
  ip: string | null;
}

async function audit(db: DbOrTrx, base: Base, action: string, id: string) {
  await recordAudit(db, {
    actor: base.actor,
    action,
    entityType: 'mail_mailbox',
    entityId: id,
    ip: base.ip,
    at: base.at,
  });
}

export async function getMailboxOrThrow(db: DbOrTrx, id: string): Promise<repo.MailboxRow> {
  const row = await repo.findMailbox(db, id);
  if (!row) throw new AppError('mailbox_not_found');
  return row;
}

export async function createMailbox(
  db: Db,
  options: Base & { input: CreateMailbox },
): Promise<repo.MailboxRow> {
  const { input, at } = options;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await repo.insertMailbox(trx, {
      id,
      name: input.name,
      host: input.host,
      port: input.port,
      tls: input.tls ? 1 : 0,
      username: input.user,
      password: input.password,
      folder: input.folder ?? 'INBOX',
      enabled: input.enabled === false ? 0 : 1,
      uid_validity: null,
      last_uid: 0,
      last_polled_at: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, options, 'mail_mailbox.created', id);
  });
  return getMailboxOrThrow(db, id);
}

export async function updateMailbox(
  db: Db,
  options: Base & { id: string; changes: UpdateMailbox },
): Promise<repo.MailboxRow> {
  const current = await getMailboxOrThrow(db, options.id);
  const c = options.changes;
  // Another server or folder has its own UIDs: start from the beginning there (Message-ID dedupe
  // keeps messages already received from becoming items twice).
  const moved =
    (c.host !== undefined && c.host !== current.host) ||
    (c.port !== undefined && c.port !== Number(current.port)) ||
    (c.user !== undefined && c.user !== current.username) ||
    (c.folder !== undefined && c.folder !== current.folder);
  await db.transaction().execute(async (trx) => {
    await repo.updateMailbox(trx, current.id, {
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.host !== undefined ? { host: c.host } : {}),
      ...(c.port !== undefined ? { port: c.port } : {}),
      ...(c.tls !== undefined ? { tls: c.tls ? 1 : 0 } : {}),
      ...(c.user !== undefined ? { username: c.user } : {}),
      ...(c.password !== undefined ? { password: c.password } : {}),
      ...(c.folder !== undefined ? { folder: c.folder } : {}),
      ...(c.enabled !== undefined ? { enabled: c.enabled ? 1 : 0 } : {}),
      ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
      updated_at: options.at,
    });
    await audit(trx, options, 'mail_mailbox.updated', current.id);
  });
  return getMailboxOrThrow(db, current.id);
}

export async function deleteMailbox(db: Db, options: Base & { id: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMailbox(trx, options.id))) throw new AppError('mailbox_not_found');
    await audit(trx, options, 'mail_mailbox.deleted', options.id);
  });
}
