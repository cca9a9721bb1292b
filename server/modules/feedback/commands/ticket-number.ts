import type { DbOrTrx } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar day (YYYYMMDD) of an instant in the business time zone. */
export function businessDay(at: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of dayFormat(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
  return `${parts.year}${parts.month}${parts.day}`;
}

/** Allocates the next ticket number of the business day, e.g. FB-20261123-000042. */
export async function allocateTicketNumber(
  trx: DbOrTrx,
  at: string,
  timeZone: string,
  dialect: DialectHelpers,
): Promise<string> {
  const day = businessDay(at, timeZone);
  const sequence = await dialect.nextTicketSequence(trx, day);
  return `FB-${day}-${String(sequence).padStart(6, '0')}`;
}
