import { CHANNELS, type Channel, NATURES, type Nature } from '../../../../shared/enums.js';
import { instantOfWallClock } from '../../../../shared/time/zoned.js';
import { AppError } from '../../../platform/http/errors.js';
import { normalizeEmail, normalizePhone } from '../../customers/index.js';
import type { CreateFeedbackInput } from '../../feedback/index.js';

/** Record fields a header (or a mapping) may name. */
export const IMPORT_FIELDS = [
  'description',
  'occurredAt',
  'channel',
  'nature',
  'product',
  'branch',
  'customer.name',
  'customer.email',
  'customer.phone',
  'sourceId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Why a row was rejected: machine code → text in both languages (the report shows both). */
export const REJECTION_REASONS = {
  required: { en: 'is required', zh: '不能为空' },
  too_long: { en: 'is too long', zh: '内容过长' },
  invalid_date: {
    en: 'is not a date (use ISO-8601, e.g. 2026-11-23T09:30:00+08:00)',
    zh: '不是有效的日期时间（请用 ISO-8601 格式，如 2026-11-23T09:30:00+08:00）',
  },
  future_date: { en: 'lies in the future', zh: '不能晚于当前时间' },
  invalid_channel: {
    en: `must be one of ${CHANNELS.join(', ')}`,
    zh: `必须是以下之一：${CHANNELS.join('、')}`,
  },
  invalid_nature: { en: `must be one of ${NATURES.join(', ')}`, zh: `必须是以下之一：${NATURES.join('、')}` },
  invalid_email: { en: 'is not a valid email address', zh: '不是有效的邮箱地址' },
  invalid_phone: { en: 'is not a valid phone number', zh: '不是有效的电话号码' },
  write_failed: { en: 'could not be saved', zh: '保存失败' },
} as const;
export type RejectionCode = keyof typeof REJECTION_REASONS;

/** Report text: `code: English / 中文`, so scripts can split off the code and people read either language. */
export function reasonText(code: string): string {
  const reason = REJECTION_REASONS[code as RejectionCode];
  return reason ? `${code}: ${reason.en} / ${reason.zh}` : code;
}

export interface Rejection {
  row: number;
  field: string;
  code: RejectionCode;
}

/**
 * Parses `"描述=description,电话=customer.phone"` (or an object) into header → field. A target that is
 * not a record field fails the whole run (unknown_import_field).
 */
export function parseMapping(
  raw: string | Record<string, string> | undefined | null,
): Map<string, ImportField> {
  const mapping = new Map<string, ImportField>();
  if (!raw) return mapping;
  const pairs: [string, string][] =
    typeof raw === 'string'
      ? raw
          .split(',')
          .filter((part) => part.trim() !== '')
          .map((part) => {
            const at = part.lastIndexOf('=');
            if (at <= 0) throw new AppError('invalid_import_mapping', { params: { part: part.trim() } });
            return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
          })
      : Object.entries(raw);
  for (const [header, field] of pairs) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      throw new AppError('unknown_import_field', { params: { field, fields: IMPORT_FIELDS.join(', ') } });
    mapping.set(header.normalize('NFKC').trim(), field as ImportField);
  }
  return mapping;
}

/**
 * Column index → field for a header row: a mapped header first, else a header that is itself a field
 * name (case-insensitive). Unknown headers are ignored; a mapping naming a header the file lacks is an error.
 */
export function resolveColumns(
  header: readonly string[],
  mapping: Map<string, ImportField>,
): Map<number, ImportField> {
  const columns = new Map<number, ImportField>();
  const byLower = new Map(IMPORT_FIELDS.map((f) => [f.toLowerCase(), f]));
  const seen = new Set<string>();
  header.forEach((rawName, index) => {
    const name = rawName
      .normalize('NFKC')
      .replace(/^\uFEFF/, '')
      .trim();
    seen.add(name);
    const field = mapping.get(name) ?? byLower.get(name.toLowerCase());
    if (field && ![...columns.values()].includes(field)) columns.set(index, field);
  });
  for (const header of mapping.keys())
    if (!seen.has(header)) throw new AppError('import_column_missing', { params: { column: header } });
  if (![...columns.values()].includes('description'))
    throw new AppError('import_column_missing', { params: { column: 'description' } });
  return columns;
}

export type Cell = string | number | boolean | Date | null | undefined;

const LIMITS: Partial<Record<ImportField, number>> = {
  description: 20_000,
  product: 200,
  branch: 200,
  'customer.name': 200,
  'customer.email': 320,
  'customer.phone': 40,
  sourceId: 200,
};

/** Local date-time without an offset ("2026-11-23 09:30"), read in the business time zone. */
const LOCAL_DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseOccurredAt(value: Cell, timeZone: string): Date | null {
  // Spreadsheet dates arrive as Dates holding the wall-clock time in UTC fields.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return new Date(instantOfWallClock(timeZone, value.getTime()));
  }
  const text = String(value).trim();
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((v) => Number(v ?? 0)) as number[];
    const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    const check = new Date(wall);
    if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23) return null;
    return new Date(instantOfWallClock(timeZone, wall));
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).normalize('NFC').trim();
}

export interface ValidRow {
  input: CreateFeedbackInput;
  sourceId: string | null;
}

/** Validates one data row; the first problem (in field order) rejects it. */
export function validateRow(
  cells: ReadonlyMap<ImportField, Cell>,
  options: { now: Date; timeZone: string },
): { ok: true; row: ValidRow } | { ok: false; field: ImportField; code: RejectionCode } {
  const text = (field: ImportField) => cellText(cells.get(field));
  for (const field of IMPORT_FIELDS) {
    const limit = LIMITS[field];
    if (limit && text(field).length > limit) return { ok: false, field, code: 'too_long' };
  }
  const description = text('description');
  if (!description) return { ok: false, field: 'description', code: 'required' };

  let occurredAt: string | undefined;
  const rawDate = cells.get('occurredAt');
  if (rawDate !== undefined && rawDate !== null && cellText(rawDate) !== '') {
    const date = parseOccurredAt(rawDate, options.timeZone);
    if (!date) return { ok: false, field: 'occurredAt', code: 'invalid_date' };
    if (date.getTime() > options.now.getTime() + 60_000)
      return { ok: false, field: 'occurredAt', code: 'future_date' };
    occurredAt = date.toISOString();
  }
  const channel = text('channel').toLowerCase();
  if (channel && !(CHANNELS as readonly string[]).includes(channel))
    return { ok: false, field: 'channel', code: 'invalid_channel' };
  const nature = text('nature').toLowerCase();
  if (nature && !(NATURES as readonly string[]).includes(nature))
    return { ok: false, field: 'nature', code: 'invalid_nature' };
  const email = text('customer.email');
  if (email && !normalizeEmail(email)) return { ok: false, field: 'customer.email', code: 'invalid_email' };
  const phone = text('customer.phone');
  if (phone && !normalizePhone(phone)) return { ok: false, field: 'customer.phone', code: 'invalid_phone' };

  const name = text('customer.name');
  const customer = {
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
  const sourceId = text('sourceId') || null;
  const product = text('product');
  const branch = text('branch');
  return {
    ok: true,
    row: {
      sourceId,
      input: {
        description,
        channel: (channel || 'import') as Channel,
        ...(nature ? { nature: nature as Nature } : {}),
        ...(product ? { product } : {}),
        ...(branch ? { branch } : {}),
        ...(occurredAt ? { occurredAt } : {}),
        ...(Object.keys(customer).length > 0 ? { customer } : {}),
        source: 'import',
        sourceId,
      },
    },
  };
}

/** One CSV line (RFC 4180 quoting). */
export function csvLine(values: readonly (string | number)[]): string {
  return `${values
    .map((value) => {
      const text = String(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}\n`;
}
