import { AppError } from '../../../platform/http/errors.js';

/** Opaque keyset cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    const record = parsed as Record<string, unknown>;
    const out = {} as Record<K, string>;
    for (const k of keys) {
      const v = record[k];
      if (typeof v !== 'string') throw new Error(`missing ${k}`);
      out[k] = v;
    }
    return out;
  } catch {
    throw new AppError('invalid_cursor');
  }
}
