import { AppError } from '../../../platform/http/errors.js';

/**
 * Opaque keyset cursors: base64url of a small JSON array [kind, sort value, id]. The kind ties a
 * cursor to the listing that issued it; anything malformed answers 400 invalid_cursor.
 */
export function encodeCursor(kind: string, value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([kind, value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, raw: string): { value: string | null; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('invalid_cursor');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== kind ||
    !(parsed[1] === null || typeof parsed[1] === 'string') ||
    typeof parsed[2] !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(parsed[2]) ||
    (typeof parsed[1] === 'string' && Number.isNaN(Date.parse(parsed[1])))
  ) {
    throw new AppError('invalid_cursor');
  }
  return { value: parsed[1] as string | null, id: parsed[2] };
}
