import type { Locale } from '../../../../shared/enums.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import * as repo from '../customers.repository.js';

export interface CustomerContact {
  id: string;
  name: string | null;
  /** The customer's first email identity (normalised), or null. */
  email: string | null;
  /** The customer's first phone identity (E.164), or null. */
  phone: string | null;
  locale: Locale | null;
  erased: boolean;
}

/** How to write to a customer (other modules' outgoing mail); undefined when there is no such customer. */
export async function getCustomerContact(
  db: DbOrTrx,
  customerId: string,
): Promise<CustomerContact | undefined> {
  const [customer] = await repo.findCustomersByIds(db, [customerId]);
  if (!customer) return undefined;
  const identities = (await repo.findIdentitiesOf(db, [customerId])).sort((a, b) =>
    a.created_at.localeCompare(b.created_at),
  );
  const emails = identities.filter((i) => i.kind === 'email');
  const phones = identities.filter((i) => i.kind === 'phone');
  const locale = customer.locale === 'zh-CN' || customer.locale === 'en' ? customer.locale : null;
  return {
    id: customer.id,
    name: customer.name,
    email: customer.erased_at ? null : (emails[0]?.value ?? null),
    phone: customer.erased_at ? null : (phones[0]?.value ?? null),
    locale,
    erased: customer.erased_at !== null,
  };
}
