import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { nowIso } from '../db/ids.js';

const cache = new WeakMap<Db, Promise<string>>();

/**
 * The server's own secret: one random value stored in `server_secrets` (row `default`), created on first use
 * (two processes racing both read the one that won the insert). Every signed token derives its key from it.
 */
export function serverSecret(db: Db, clock: () => Date): Promise<string> {
  let secret = cache.get(db);
  if (!secret) {
    secret = (async () => {
      await db
        .insertInto('server_secrets')
        .values({ id: 'default', secret: randomBytes(32).toString('base64url'), created_at: nowIso(clock) })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const row = await db
        .selectFrom('server_secrets')
        .select('secret')
        .where('id', '=', 'default')
        .executeTakeFirstOrThrow();
      return row.secret;
    })();
    secret.catch(() => cache.delete(db));
    cache.set(db, secret);
  }
  return secret;
}

/** A key for one purpose (`rating-link`, …), so a token of one kind can never pass for another. */
export async function signingKey(db: Db, clock: () => Date, purpose: string): Promise<Buffer> {
  return createHmac('sha256', await serverSecret(db, clock))
    .update(`closeloop-key:${purpose}`)
    .digest();
}
