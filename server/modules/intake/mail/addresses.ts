import addressparser from 'nodemailer/lib/addressparser/index.js';

export interface Sender {
  name: string | null;
  address: string;
  local: string;
  domain: string;
}

/** MAIL_FROM split into display name, local part and domain (the domain our threading addresses use). */
export function parseSender(from: string): Sender {
  const parsed = addressparser(from, { flatten: true })[0];
  const address = parsed?.address?.trim() || 'closeloop@localhost';
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at + 1) : 'localhost';
  // An existing +tag on MAIL_FROM is dropped: the tag position carries our token.
  return { name: parsed?.name?.trim() || null, address, local: local.split('+')[0] ?? local, domain };
}

/** The Reply-To we give the customer: `local+<token>@domain`. */
export function replyAddress(sender: Sender, token: string): string {
  return `${sender.local}+${token}@${sender.domain}`;
}

/** Our Message-ID for one mail: `<token.mailId@domain>` (the token is what threads a reply). */
export function messageIdFor(sender: Sender, token: string, mailId: string): string {
  return `<${token}.${mailId.replace(/-/g, '')}@${sender.domain}>`;
}
