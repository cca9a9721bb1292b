import { describe, expect, it } from 'vitest';
import { FEEDBACK_STATUSES } from '../enums.js';
import { allowedTransitions, canTransition, OPEN_STATUSES, STATUS_TRANSITIONS } from './status-machine.js';

describe('feedback lifecycle table', () => {
  it('covers every status and only names known statuses', () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...FEEDBACK_STATUSES].sort());
    for (const targets of Object.values(STATUS_TRANSITIONS)) {
      for (const t of targets) expect(FEEDBACK_STATUSES).toContain(t);
    }
  });

  it('follows received → in progress → resolved → closed, reopen on dissatisfaction', () => {
    expect(canTransition('received', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
    expect(canTransition('resolved', 'reopened')).toBe(true);
    expect(canTransition('closed', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'in_progress')).toBe(true);
  });

  it('refuses illegal moves', () => {
    expect(canTransition('closed', 'in_progress')).toBe(false);
    expect(canTransition('received', 'reopened')).toBe(false);
    expect(canTransition('in_progress', 'received')).toBe(false);
    expect(allowedTransitions('merged')).toEqual([]);
    for (const s of FEEDBACK_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('counts only unfinished statuses as open', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(['in_progress', 'received', 'reopened']);
  });
});
