import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The bytes a sender signs: the raw body, prefixed by `<timestamp>.` when the source sends a timestamp
 * header (so a captured request cannot be replayed later with a fresh timestamp).
 */
export function signedContent(body: Buffer, timestamp: string | null): Buffer {
  return timestamp === null ? body : Buffer.concat([Buffer.from(`${timestamp}.`), body]);
}

/** HMAC-SHA256 of the content, hex. */
export function sign(secret: string, content: Buffer): string {
  return createHmac('sha256', secret).update(content).digest('hex');
}

/**
 * Checks a signature header value against the HMAC over the exact bytes received. Accepts the digest in
 * hex or base64, optionally prefixed `sha256=`; compares in constant time.
 */
export function verifySignature(secret: string, content: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const value = header.trim().replace(/^sha256=/i, '');
  const expected = createHmac('sha256', secret).update(content).digest();
  let given: Buffer;
  if (/^[0-9a-f]{64}$/i.test(value)) given = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) given = Buffer.from(value, 'base64');
  else return false;
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** True when a Unix-seconds (or milliseconds) timestamp is within `toleranceSeconds` of now. */
export function timestampFresh(value: string | undefined, now: Date, toleranceSeconds: number): boolean {
  if (!value || !/^\d{9,13}$/.test(value.trim())) return false;
  const n = Number(value.trim());
  const ms = n < 1e12 ? n * 1000 : n;
  return Math.abs(now.getTime() - ms) <= toleranceSeconds * 1000;
}
