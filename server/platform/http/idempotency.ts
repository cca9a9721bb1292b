import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { DatabaseHandle, Trx } from '../db/database.js';
import { AppError } from './errors.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
// Postgres: unique_violation, serialization_failure, deadlock_detected — all safe to retry from the top.
const RETRYABLE_PG_CODES = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 4;

/** Reads the `Idempotency-Key` header: null when absent; 400 idempotency_key_invalid unless 1–255 visible ASCII. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new AppError('idempotency_key_invalid');
  return header;
}

/** JSON with object keys sorted at every level, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) of the canonical JSON of a request body. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Keys are scoped to who is calling and where: the same key from two callers or on two routes never collides. */
export function idempotencyScope(actor: Actor | null, route: string, anonymous = 'anonymous'): string {
  const who = actor ? `${actor.type}:${actor.id ?? actor.name}` : anonymous;
  return `${who} ${route}`;
}

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  /** True when the stored response of an earlier request with the same key was returned. */
  replayed: boolean;
}

export interface IdempotentWork<T> {
  statusCode: number;
  body: T;
  resourceId?: string | null;
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `work` in one transaction, at most once per (scope, key). The key row is inserted first in the
 * same transaction, so a concurrent retry waits on it (Postgres) or on the writer lock (SQLite) and
 * then finds the committed response: same body → that response again (`replayed`; 201 becomes 200), different body →
 * 422 idempotency_key_reused. A failed `work` rolls back the key too, so the retry runs afresh.
 * Without a key, `work` simply runs in a transaction. Either way the result is returned only once the
 * transaction is durable (on SQLite it may share its commit with concurrent calls).
 */
export async function runIdempotent<T>(
  database: Pick<DatabaseHandle, 'write'>,
  options: { key: string | null; scope: string; body: unknown; at: string },
  work: (trx: Trx) => Promise<IdempotentWork<T>>,
): Promise<IdempotentResult<T>> {
  const { key } = options;
  if (key === null) {
    const done = await database.write(work);
    return { statusCode: done.statusCode, body: done.body, replayed: false };
  }
  const hash = requestHash(options.body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.write(async (trx) => {
        const inserted = await trx
          .insertInto('idempotency_keys')
          .values({
            scope: options.scope,
            key,
            request_hash: hash,
            status_code: null,
            response: null,
            resource_id: null,
            created_at: options.at,
          })
          .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
          return replay<T>(trx, options.scope, key, hash);
        const done = await work(trx);
        await trx
          .updateTable('idempotency_keys')
          .set({
            status_code: done.statusCode,
            response: JSON.stringify(done.body),
            resource_id: done.resourceId ?? null,
          })
          .where('scope', '=', options.scope)
          .where('key', '=', key)
          .execute();
        return { statusCode: done.statusCode, body: done.body, replayed: false };
      });
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}

async function replay<T>(trx: Trx, scope: string, key: string, hash: string): Promise<IdempotentResult<T>> {
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  // Gone (expired between insert and read) or not yet complete: let the caller's retry loop try again.
  if (!row) throw Object.assign(new Error('idempotency key vanished'), { code: '40001' });
  if (row.request_hash !== hash) throw new AppError('idempotency_key_reused');
  if (row.status_code === null || row.response === null) throw new AppError('conflict');
  // A replay created nothing, so 201 Created becomes 200 with the same body.
  const statusCode = row.status_code === 201 ? 200 : row.status_code;
  return { statusCode, body: JSON.parse(row.response) as T, replayed: true };
}

/**
 * A create endpoint's answer: runs `create` at most once per Idempotency-Key (see runIdempotent) and
 * answers 201 with its body, or 200 with the stored body and `idempotent-replayed: true` for a replay.
 */
export async function replyCreatedIdempotently<T>(
  reply: FastifyReply,
  database: Pick<DatabaseHandle, 'write'>,
  options: { key: string | null; scope: string; body: unknown; at: string },
  create: (trx: Trx) => Promise<{ body: T; resourceId: string }>,
): Promise<FastifyReply> {
  const result = await runIdempotent(database, options, async (trx) => ({
    statusCode: 201,
    ...(await create(trx)),
  }));
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.replayed ? 200 : 201).send(result.body);
}
