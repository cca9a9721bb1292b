export const LOOP_JOBS = {
  /** Look the ticket up, check the contact, issue a code and send it (payload: number, contact, ip, locale). */
  issueTrackingCode: 'loop.issue-tracking-code',
  /** On `feedback.message_added`: an agent's reply by SMS to a customer with a phone and no email. */
  replySms: 'loop.reply-sms',
  /** Close items resolved longer ago than the confirmation period without an answer. */
  closeUnrated: 'loop.close-unrated',
  /** Delete expired codes and sessions. */
  purgeTracking: 'loop.purge-tracking',
  /** On `feedback.status_changed` to closed: a follow-up visit for a major complaint (job name + `:` + event). */
  scheduleFollowUp: 'loop.schedule-follow-up',
  /** Tell the owners of follow-ups that have fallen due (once each). */
  followUpsDue: 'loop.follow-ups-due',
} as const;

/** How long a code and a session live, and how many wrong tries kill a code. */
export const TRACKING = {
  codeMinutes: 10,
  sessionMinutes: 60,
  maxAttempts: 5,
  /** Code requests, and session attempts, per client IP and ticket number within the window. */
  requestsPerWindow: 5,
  windowMinutes: 15,
} as const;
