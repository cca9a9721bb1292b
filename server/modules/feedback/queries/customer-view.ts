import type { DbOrTrx } from '../../../platform/db/database.js';
import { getUserSummaries } from '../../identity/index.js';
import { type FeedbackRow, findFeedbackByNumber } from '../feedback.repository.js';
import { type EventRow, listEvents, listMessages, type MessageRow } from '../timeline.repository.js';

/** What a customer may see of their ticket: its record and only the public parts of its history. */
export interface CustomerViewSource {
  item: FeedbackRow;
  /** Status changes, assignments, triage and creation rows; never notes, SLA or internal reasons. */
  events: EventRow[];
  /** Customer messages and agents' replies; internal notes and system messages are left out. */
  messages: MessageRow[];
  /** Display names of the users who handled it. */
  names: Map<string, string>;
}

const PUBLIC_EVENT_TYPES = new Set(['created', 'triaged', 'assignee_changed', 'status_changed']);
const MAX_ROWS = 1000;

/** The item with this ticket number, or undefined (the caller must not reveal which). */
export function findItemByNumber(db: DbOrTrx, number: string): Promise<FeedbackRow | undefined> {
  return findFeedbackByNumber(db, number);
}

export async function loadCustomerView(db: DbOrTrx, item: FeedbackRow): Promise<CustomerViewSource> {
  const [events, messages] = await Promise.all([
    listEvents(db, item.id, { after: null, limit: MAX_ROWS }),
    listMessages(db, item.id, { after: null, limit: MAX_ROWS }),
  ]);
  const publicEvents = events.filter((e) => PUBLIC_EVENT_TYPES.has(e.type));
  const publicMessages = messages.filter((m) => m.kind === 'customer' || m.kind === 'agent');
  const userIds = [
    item.assignee_id,
    ...publicEvents.filter((e) => e.type === 'assignee_changed').map((e) => e.to_value),
    ...publicMessages.map((m) => m.author_user_id),
  ].filter((id): id is string => typeof id === 'string');
  const users = await getUserSummaries(db, [...new Set(userIds)]);
  return {
    item,
    events: publicEvents,
    messages: publicMessages,
    names: new Map([...users].map(([id, u]) => [id, u.name])),
  };
}
