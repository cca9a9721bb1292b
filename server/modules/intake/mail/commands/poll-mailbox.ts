import { ImapFlow } from 'imapflow';
import type { PollResult } from '../../../../../shared/contracts/mail.js';
import { nowIso } from '../../../../platform/db/ids.js';
import type { AppContext } from '../../../../platform/http/context.js';
import { AppError } from '../../../../platform/http/errors.js';
import * as repo from '../mail.repository.js';
import { receiveEmail } from './receive-email.js';

export type PollDeps = Pick<AppContext, 'database' | 'config' | 'clock' | 'logger'>;

/** Messages received per poll at most; the rest wait for the next one. */
const MAX_PER_POLL = 200;

/** One poll at a time per mailbox in this process (a second caller waits for the running one). */
const running = new Map<string, Promise<PollResult>>();

/**
 * Fetches the messages above the last stored UID of one mailbox and receives each (receiveEmail). Only
 * after a message is committed is it flagged \Seen and its UID stored, so a crash in between fetches it
 * again and Message-ID dedupe makes that harmless. When the folder's UIDVALIDITY changed, UIDs restart:
 * everything is fetched again (dedupe again keeps items single).
 */
export function pollMailbox(deps: PollDeps, mailboxId: string): Promise<PollResult> {
  const current = running.get(mailboxId);
  if (current) return current;
  const poll = pollOnce(deps, mailboxId).finally(() => running.delete(mailboxId));
  running.set(mailboxId, poll);
  return poll;
}

async function pollOnce(deps: PollDeps, mailboxId: string): Promise<PollResult> {
  const { database } = deps;
  const box = await repo.findMailbox(database.db, mailboxId);
  if (!box) throw new AppError('mailbox_not_found');
  const result: PollResult = {
    fetched: 0,
    created: 0,
    appended: 0,
    ignored: 0,
    rejected: 0,
    duplicates: 0,
    lastUid: Number(box.last_uid),
    uidValidityChanged: false,
  };
  const client = new ImapFlow({
    host: box.host,
    port: Number(box.port),
    secure: Number(box.tls) === 1,
    auth: { user: box.username, pass: box.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  });
  // Errors on the socket after connect are reported through the failing command as well.
  client.on('error', (error: unknown) =>
    deps.logger.warn({ err: error, mailboxId }, 'IMAP connection error'),
  );
  try {
    await client.connect();
    const lock = await client.getMailboxLock(box.folder);
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`folder ${box.folder} could not be opened`);
      const validity = String(opened.uidValidity);
      let lastUid = Number(box.last_uid);
      if (box.uid_validity !== validity) {
        result.uidValidityChanged = box.uid_validity !== null;
        lastUid = 0;
        await database.write((trx) =>
          repo.updateMailbox(trx, box.id, {
            uid_validity: validity,
            last_uid: 0,
            updated_at: nowIso(deps.clock),
          }),
        );
      }
      result.lastUid = lastUid;
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      // `n:*` always names the highest message, even below n: keep only what is new.
      const uids = found
        .filter((uid) => uid > lastUid)
        .sort((a, b) => a - b)
        .slice(0, MAX_PER_POLL);
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message === false || !message.source) continue;
        const received = await receiveEmail(deps, message.source, { via: 'imap', mailboxId: box.id });
        result.fetched++;
        if (received.duplicate) result.duplicates++;
        else result[received.outcome]++;
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        await database.write((trx) =>
          repo.updateMailbox(trx, box.id, { last_uid: uid, updated_at: nowIso(deps.clock) }),
        );
        result.lastUid = uid;
      }
    } finally {
      lock.release();
    }
    await database.write((trx) =>
      repo.updateMailbox(trx, box.id, { last_polled_at: nowIso(deps.clock), last_error: null }),
    );
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await database.write((trx) =>
      repo.updateMailbox(trx, box.id, {
        last_polled_at: nowIso(deps.clock),
        last_error: reason.slice(0, 1000),
      }),
    );
    if (error instanceof AppError) throw error;
    throw new AppError('mailbox_poll_failed', { params: { reason } });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Job `mail.poll-mailboxes` (every minute): polls each enabled mailbox; one failing does not stop the rest. */
export async function pollAllMailboxes(deps: PollDeps): Promise<void> {
  for (const box of await repo.listMailboxes(deps.database.db, { enabledOnly: true })) {
    try {
      const result = await pollMailbox(deps, box.id);
      if (result.fetched > 0) deps.logger.info({ mailboxId: box.id, ...result }, 'mailbox polled');
    } catch (error) {
      deps.logger.warn({ err: error, mailboxId: box.id }, 'mailbox poll failed');
    }
  }
}
