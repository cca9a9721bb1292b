import type { Mailbox, OutboundPurpose } from '../../../../shared/contracts/mail.js';
import type { MailboxRow, OutboundRow } from './mail.repository.js';

/** A mailbox as the API shows it: never its password. */
export function presentMailbox(row: MailboxRow): Mailbox {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: Number(row.port),
    tls: Number(row.tls) === 1,
    user: row.username,
    folder: row.folder,
    enabled: Number(row.enabled) === 1,
    uidValidity: row.uid_validity,
    lastUid: Number(row.last_uid),
    lastPolledAt: row.last_polled_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentOutbound(row: OutboundRow) {
  return {
    id: row.id,
    purpose: row.purpose as OutboundPurpose,
    to: row.to_address,
    subject: row.subject,
    messageId: row.message_id,
    status: row.status as 'pending' | 'sent' | 'failed' | 'skipped',
    attempts: Number(row.attempts),
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}
