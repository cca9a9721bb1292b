import { localDateOf } from '../../../../shared/time/zoned.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';

/** The calendar day (YYYYMMDD) of an instant in the business time zone. */
export function businessDay(at: string, timeZone: string): string {
  const { year, month, day } = localDateOf(timeZone, Date.parse(at));
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
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
