import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { customerFeedbackStats } from '../../feedback/index.js';
import * as repo from '../customers.repository.js';
import type { CustomerView } from './customer-view.js';

/** One customer with identities and live feedback stats; 404 customer_not_found. */
export async function getCustomerOrThrow(db: DbOrTrx, id: string): Promise<CustomerView> {
  const customer = await repo.findCustomerById(db, id);
  if (!customer) throw new AppError('customer_not_found');
  const [identities, stats] = await Promise.all([
    repo.findIdentitiesOf(db, [id]),
    customerFeedbackStats(db, id),
  ]);
  return { customer, identities, stats };
}
