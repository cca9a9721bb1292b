import { v7 as uuidv7 } from 'uuid';

/** Time-ordered id (UUIDv7) for every row. */
export function newId(): string {
  return uuidv7();
}

/** Current time as the ISO-8601 UTC string every timestamp column stores. */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
