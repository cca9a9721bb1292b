import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import * as repo from '../customers.repository.js';

/** The customer a write is about: 404 when missing, 409 customer_erased once its data was erased. */
export async function loadCustomerForChange(trx: DbOrTrx, id: string): Promise<repo.CustomerRow> {
  const customer = await repo.findCustomerById(trx, id);
  if (!customer) throw new AppError('customer_not_found');
  if (customer.erased_at) throw new AppError('customer_erased');
  return customer;
}
