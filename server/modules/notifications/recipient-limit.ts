/** How many automatic messages one recipient may get: per rolling hour and (optionally) per rolling day. */
export interface RecipientLimits {
  perHour: number;
  perDay?: number;
}

/** Messages already sent (or on their way) to the recipient in the last hour and, when limited, the last day. */
export interface RecentCounts {
  lastHour: number;
  lastDay?: number;
}

/** The windows to count over, ending at `now`. */
export function limitWindows(now: Date): { hourAgo: string; dayAgo: string } {
  return {
    hourAgo: new Date(now.getTime() - 3_600_000).toISOString(),
    dayAgo: new Date(now.getTime() - 86_400_000).toISOString(),
  };
}

/**
 * The one rule for "do not flood a recipient", shared by the mail channel's acknowledgements and the loop's
 * customer notices and tracking codes (mail and SMS): null when one more message is allowed, otherwise the
 * reason recorded on the message kept as `skipped`.
 */
export function recipientLimitReason(
  counts: RecentCounts,
  limits: RecipientLimits,
  what: string,
): string | null {
  if (counts.lastHour >= limits.perHour)
    return `${what} limit reached (${limits.perHour} per hour to this recipient)`;
  if (limits.perDay !== undefined && (counts.lastDay ?? 0) >= limits.perDay)
    return `${what} limit reached (${limits.perDay} per day to this recipient)`;
  return null;
}
