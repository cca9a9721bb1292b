import { currentLanguage } from './i18n/index.js';

let userTimeZone: string | undefined;

/** The signed-in user's time zone (from their profile); the browser's own until then. */
export function setUserTimeZone(tz: string | undefined): void {
  userTimeZone = tz && isValidTimeZone(tz) ? tz : undefined;
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function timeZone(): string {
  return userTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timeZone(),
  }).format(d);
}

/** "in 3 hours" / "2 days ago" in the user's language. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diffMs = Date.parse(iso) - now;
  const abs = Math.abs(diffMs);
  const rtf = new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [unit, ms] of units) {
    if (abs >= ms) return rtf.format(Math.round(diffMs / ms), unit);
  }
  return rtf.format(Math.round(diffMs / 1000), 'second');
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}
