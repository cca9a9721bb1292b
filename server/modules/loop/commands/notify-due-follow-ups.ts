import type { DatabaseHandle } from '../../../platform/db/database.js';
import { findSupervisorIds } from '../../identity/index.js';
import { notifyUsers } from '../../notifications/index.js';
import * as repo from '../loop.repository.js';

const BATCH = 200;

/**
 * Job `loop.follow-ups-due` (hourly): tells the owner of each open follow-up that has fallen due (the department's
 * supervisors when it has no owner) with an in-app notification — once: the row is claimed before the notice is
 * written, in the same transaction. Returns how many were notified.
 */
export async function notifyDueFollowUps(
  database: DatabaseHandle,
  options: { now: Date; numbers: (ids: string[]) => Promise<Map<string, string>> },
): Promise<number> {
  const at = options.now.toISOString();
  let notified = 0;
  for (;;) {
    const due = await repo.findDueUnnotified(database.db, at, BATCH);
    if (due.length === 0) return notified;
    const numbers = await options.numbers(due.map((f) => f.feedback_id));
    for (const followUp of due) {
      const done = await database.write(async (trx) => {
        if (!(await repo.markDueNotified(trx, followUp.id, at))) return false;
        const to = followUp.assignee_id
          ? [followUp.assignee_id]
          : await findSupervisorIds(trx, followUp.department_id);
        const number = numbers.get(followUp.feedback_id) ?? '';
        await notifyUsers(
          trx,
          to,
          {
            kind: 'follow_up_due',
            feedbackId: followUp.feedback_id,
            titleZh: `工单 ${number} 的客户回访已到期，请回访并记录结果`,
            titleEn: `The follow-up visit of ticket ${number} is due: call the customer and record the outcome`,
            data: { followUpId: followUp.id, dueAt: followUp.due_at },
          },
          at,
        );
        return true;
      });
      if (done) notified++;
    }
    if (due.length < BATCH) return notified;
  }
}
