import type { DbOrTrx } from '../../../platform/db/database.js';
import { allocateTicketSequence } from '../feedback.repository.js';

/** The calendar day (YYYYMMDD) of an instant in the business time zone. */
export function businessDay(at: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(at))
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  return `${parts.year}${parts.month}${parts.day}`;
}

/** Allocates the next ticket number, e.g. FB-20261123-000042, inside the creating transaction. */
export async function allocateTicketNumber(trx: DbOrTrx, at: string, timeZone: string): Promise<string> {
  const day = businessDay(at, timeZone);
  const sequence = await allocateTicketSequence(trx, day);
  return `FB-${day}-${String(sequence).padStart(6, '0')}`;
}
