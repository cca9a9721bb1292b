import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../platform/db/database.js';
import { serverSecret } from '../../../platform/security/server-secret.js';

/**
 * Threading tokens: a reply is appended to an item only when it carries one we issued. A token is the
 * item's UUID (16 bytes) followed by the first 10 bytes of HMAC-SHA256(secret, "thread:" + id), written
 * in lower-case base32 (42 characters) so it survives in an address local part, where case may be lost.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 10;
const TOKEN_RE = /^[a-z2-7]{42}$/;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function mac(secret: string, feedbackId: string): Buffer {
  return createHmac('sha256', secret).update(`thread:${feedbackId}`).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function issueToken(secret: string, feedbackId: string): string {
  return base32(Buffer.concat([uuidBytes(feedbackId), mac(secret, feedbackId)]));
}

/** The feedback id a token names, or null when it is not one we signed. */
export function verifyToken(secret: string, token: string): string | null {
  const t = token.toLowerCase();
  if (!TOKEN_RE.test(t)) return null;
  const bytes = unbase32(t);
  if (bytes.length !== 16 + MAC_BYTES) return null;
  const id = uuidOf(bytes.subarray(0, 16));
  const expected = mac(secret, id);
  return timingSafeEqual(expected, bytes.subarray(16)) ? id : null;
}

/** Tokens found in addresses (`local+<token>@…`) and message ids (`<token.…@…>`), in that order. */
export function tokenCandidates(addresses: string[], messageIds: string[]): string[] {
  const found: string[] = [];
  for (const address of addresses) {
    const local = address.split('@')[0] ?? '';
    const plus = local.lastIndexOf('+');
    if (plus >= 0) found.push(local.slice(plus + 1));
  }
  for (const id of messageIds) {
    const inner = id.replace(/^<|>$/g, '');
    const local = inner.split('@')[0] ?? '';
    found.push(local.split('.')[0] ?? '');
  }
  return found.filter((t) => t.length > 0);
}

/** The server's threading secret: the platform's server secret (moved from `mail_settings` by migration 0021). */
export function tokenSecret(db: Db, clock: () => Date): Promise<string> {
  return serverSecret(db, clock);
}
