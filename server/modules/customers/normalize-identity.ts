import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IdentityKind } from '../../../shared/enums.js';
import { AppError } from '../../platform/http/errors.js';

/** Region assumed for numbers written without a country code (e.g. "138 1234 5678"). */
export const DEFAULT_PHONE_REGION = 'CN';

// Deliberately simple: one @, no spaces, a dotted domain. Deliverability is proven by mail, not by regex.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const EXTERNAL_RE = /^([A-Za-z0-9_.-]{1,64}):(\S(?:.*\S)?)$/;

/** Lower-cased, trimmed email, or null when it is not an email address. */
export function normalizeEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !EMAIL_RE.test(value)) return null;
  return value;
}

/**
 * E.164 form of a phone number ("+8613812345678"), or null when it is not a valid number.
 * Numbers without a country code are read as Chinese; "00" international prefixes are understood.
 */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.normalize('NFKC').trim();
  if (!/^[+\d\s().\-/]{3,32}$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, DEFAULT_PHONE_REGION);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** "crm:12345" keeps its shape with a lower-cased system name; a bare id is kept as given (trimmed). */
export function normalizeExternalId(raw: string): string | null {
  const value = raw.trim();
  if (!value || value.length > 200) return null;
  const m = EXTERNAL_RE.exec(value);
  if (m?.[1] && m[2]) return `${m[1].toLowerCase()}:${m[2]}`;
  return /\s/.test(value) ? null : value;
}

const ERROR_BY_KIND = {
  email: 'invalid_email',
  phone: 'invalid_phone',
  external: 'invalid_external_id',
} as const;

/** Normalises one identity value; throws 400 (invalid_email / invalid_phone / invalid_external_id). */
export function normalizeIdentity(kind: IdentityKind, raw: string): string {
  const value =
    kind === 'email'
      ? normalizeEmail(raw)
      : kind === 'phone'
        ? normalizePhone(raw)
        : normalizeExternalId(raw);
  if (value === null) throw new AppError(ERROR_BY_KIND[kind], { details: [{ path: kind, code: 'invalid' }] });
  return value;
}

/** "+86 138****5678": country code, first three and last four national digits. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const cc = parsed ? `+${parsed.countryCallingCode} ` : '';
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, '');
  if (national.length >= 8) return `${cc}${national.slice(0, 3)}****${national.slice(-4)}`;
  return `${cc}${'*'.repeat(Math.max(0, national.length - 2))}${national.slice(-2)}`;
}

/** "j***@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** "crm:1***"; a bare id keeps only its first character. */
export function maskExternalId(value: string): string {
  const colon = value.indexOf(':');
  const system = colon > 0 ? value.slice(0, colon + 1) : '';
  const id = colon > 0 ? value.slice(colon + 1) : value;
  return `${system}${Array.from(id)[0] ?? ''}***`;
}

export function maskIdentity(kind: IdentityKind, value: string): string {
  if (kind === 'email') return maskEmail(value);
  if (kind === 'phone') return maskPhone(value);
  return maskExternalId(value);
}

/** "张**" / "J**": the first character only. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}**` : '**';
}
