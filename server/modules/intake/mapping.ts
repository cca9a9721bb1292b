import { MAPPABLE_FIELDS, type MappableField } from '../../../shared/contracts/intake.js';
import { normalizeEmail, normalizePhone } from '../customers/index.js';
import type { CreateFeedbackInput } from '../feedback/index.js';
import { type PathStep, parseJsonPath, readJsonPath } from './json-path.js';

export { MAPPABLE_FIELDS, type MappableField };

/** Record field → JSON path in the payload. */
export type FieldMapping = Partial<Record<MappableField, string>>;

/** Why a payload could not become a record: which field, read from which path. */
export class MappingFailure extends Error {
  constructor(
    readonly field: MappableField,
    readonly path: string,
    readonly reason:
      | 'missing'
      | 'not_text'
      | 'invalid_email'
      | 'invalid_phone'
      | 'invalid_date'
      | 'invalid_rating',
  ) {
    super(`${field} from ${path}: ${reason}`);
  }
}

const LIMITS: Partial<Record<MappableField, number>> = {
  description: 20_000,
  subject: 300,
  'customer.name': 200,
  product: 200,
  branch: 200,
  sourceId: 200,
};

/** Throws invalid_json_path (400) for any unparseable path; used when a source is saved. */
export function checkMapping(mapping: FieldMapping): void {
  for (const path of Object.values(mapping)) if (path !== undefined) parseJsonPath(path);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function date(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) ms = value < 1e12 ? value * 1000 : value;
  else if (typeof value === 'string' && /^\d{9,13}$/.test(value.trim())) {
    const n = Number(value.trim());
    ms = n < 1e12 ? n * 1000 : n;
  } else if (typeof value === 'string') ms = Date.parse(value);
  else return undefined;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export interface MappedRecord {
  input: CreateFeedbackInput;
  sourceId: string | null;
}

/**
 * Turns a parsed payload into a feedback record by the source's mapping. `description` is required;
 * every other mapped field is optional, but one present with an unusable value fails (MappingFailure).
 */
export function applyMapping(document: unknown, mapping: FieldMapping): MappedRecord {
  const values = new Map<MappableField, unknown>();
  const steps = new Map<MappableField, PathStep[]>();
  for (const field of MAPPABLE_FIELDS) {
    const path = mapping[field];
    if (path === undefined) continue;
    steps.set(field, parseJsonPath(path));
    const value = readJsonPath(document, steps.get(field)!);
    if (value !== undefined && value !== null && value !== '') values.set(field, value);
  }
  const fail = (field: MappableField, reason: MappingFailure['reason']) =>
    new MappingFailure(field, mapping[field] ?? '(not mapped)', reason);
  const textOf = (field: MappableField): string | undefined => {
    if (!values.has(field)) return undefined;
    const v = text(values.get(field));
    if (v === undefined) throw fail(field, 'not_text');
    const limit = LIMITS[field];
    return limit ? Array.from(v).slice(0, limit).join('') : v;
  };

  const description = textOf('description');
  if (description === undefined) throw fail('description', 'missing');
  const input: CreateFeedbackInput = { description };
  const subject = textOf('subject');
  if (subject) input.subject = subject;
  const product = textOf('product');
  if (product) input.product = product;
  const branch = textOf('branch');
  if (branch) input.branch = branch;
  if (values.has('occurredAt')) {
    const at = date(values.get('occurredAt'));
    if (!at) throw fail('occurredAt', 'invalid_date');
    input.occurredAt = at;
  }
  if (values.has('rating')) {
    const rating = Number(values.get('rating'));
    if (!Number.isFinite(rating) || rating < 0 || rating > 10) throw fail('rating', 'invalid_rating');
    input.customFields = { rating };
  }
  const customer: NonNullable<CreateFeedbackInput['customer']> = {};
  const name = textOf('customer.name');
  if (name) customer.name = name;
  const email = textOf('customer.email');
  if (email) {
    const normalized = normalizeEmail(email);
    if (!normalized) throw fail('customer.email', 'invalid_email');
    customer.email = normalized;
  }
  const phone = textOf('customer.phone');
  if (phone) {
    const normalized = normalizePhone(phone);
    if (!normalized) throw fail('customer.phone', 'invalid_phone');
    customer.phone = normalized;
  }
  if (customer.email || customer.phone) input.customer = customer;
  else if (customer.name) input.customer = customer;
  return { input, sourceId: textOf('sourceId') ?? null };
}
