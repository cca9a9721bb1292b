import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { getCustomerContact } from '../../customers/index.js';
import { type FeedbackRow, loadCustomerView, presentForCustomer } from '../../feedback/index.js';
import { renderClosureLetter } from '../closure-letter.js';

/** The item's closure letter as a printable HTML page; 409 closure_letter_unavailable before it is resolved. */
export async function getClosureLetterHtml(
  db: Db,
  item: FeedbackRow,
  options: { companyName: string; timeZone: string; now: Date },
): Promise<string> {
  const view = presentForCustomer(await loadCustomerView(db, item), 'zh-CN');
  if (!view.closure) throw new AppError('closure_letter_unavailable', { status: 409 });
  const contact = item.customer_id ? await getCustomerContact(db, item.customer_id) : undefined;
  return renderClosureLetter({
    companyName: options.companyName,
    number: item.number,
    customerName: contact && !contact.erased ? contact.name : null,
    handlerName: view.handlerName,
    submittedAt: view.submittedAt,
    resolvedAt: view.resolvedAt,
    closedAt: view.closedAt,
    closure: view.closure,
    timeZone: options.timeZone,
    issuedAt: options.now.toISOString(),
  });
}
