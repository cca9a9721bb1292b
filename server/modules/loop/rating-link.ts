import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed rating links. A token is 45 bytes in base64url (60 characters, short enough for a path segment):
 * version (1) · item id (16, the UUID) · resolution round = the item's resolved_at in Unix ms (8) · expiry in
 * Unix seconds (4) · the first 16 bytes of HMAC-SHA256 over the 29 bytes before it, keyed with the server's
 * `rating-link` key. Nothing is stored: a link works until it expires or its round is over.
 */
export interface RatingLinkClaim {
  feedbackId: string;
  resolvedAt: string;
  expiresAt: Date;
}

const VERSION = 1;
const BODY_BYTES = 1 + 16 + 8 + 4;
const MAC_BYTES = 16;
const TOKEN_RE = /^[A-Za-z0-9_-]{60}$/;

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

export function issueRatingToken(key: Buffer, claim: RatingLinkClaim): string {
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(VERSION, 0);
  Buffer.from(claim.feedbackId.replace(/-/g, ''), 'hex').copy(body, 1);
  body.writeBigUInt64BE(BigInt(Date.parse(claim.resolvedAt)), 17);
  body.writeUInt32BE(Math.floor(claim.expiresAt.getTime() / 1000), 25);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

export type RatingTokenCheck =
  | { ok: true; claim: RatingLinkClaim }
  | { ok: false; reason: 'invalid' | 'expired' };

/** Checks the signature first (a forged token is `invalid` whatever it says), then the expiry. */
export function verifyRatingToken(key: Buffer, token: string, now: Date): RatingTokenCheck {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (!TOKEN_RE.test(token)) return invalid;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== BODY_BYTES + MAC_BYTES || bytes.readUInt8(0) !== VERSION) return invalid;
  const body = bytes.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(mac(key, body), bytes.subarray(BODY_BYTES))) return invalid;
  const h = body.subarray(1, 17).toString('hex');
  const feedbackId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const resolvedAt = new Date(Number(body.readBigUInt64BE(17))).toISOString();
  const expiresAt = new Date(body.readUInt32BE(25) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claim: { feedbackId, resolvedAt, expiresAt } };
}
