import { z } from 'zod';

const ZName = z.string().trim().min(1).max(200);
const ZHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'host name or IP address');
const ZFolder = z.string().trim().min(1).max(200);

// ---- IMAP mailboxes ----

export const ZCreateMailbox = z
  .object({
    name: ZName,
    host: ZHost,
    port: z.number().int().min(1).max(65_535),
    tls: z.boolean().describe('Implicit TLS (IMAPS, usually port 993); false = plain IMAP (usually 143)'),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(1000).describe('Stored to log in; never returned'),
    folder: ZFolder.optional().describe('Default INBOX'),
    enabled: z.boolean().optional(),
  })
  .strict();
export type CreateMailbox = z.infer<typeof ZCreateMailbox>;

export const ZUpdateMailbox = z
  .object({
    name: ZName.optional(),
    host: ZHost.optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    tls: z.boolean().optional(),
    user: z.string().min(1).max(320).optional(),
    password: z.string().min(1).max(1000).optional(),
    folder: ZFolder.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateMailbox = z.infer<typeof ZUpdateMailbox>;

export const ZMailboxIdParams = z.object({ id: z.uuid() });

export const ZMailbox = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  user: z.string(),
  folder: z.string(),
  enabled: z.boolean(),
  uidValidity: z.string().nullable(),
  lastUid: z.number().describe('Highest UID received and committed (messages above it are fetched next)'),
  lastPolledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mailbox = z.infer<typeof ZMailbox>;
export const ZMailboxResponse = z.object({ data: ZMailbox });
export const ZMailboxListResponse = z.object({ data: z.array(ZMailbox) });

export const ZPollResult = z.object({
  fetched: z.number(),
  created: z.number(),
  appended: z.number(),
  ignored: z.number(),
  rejected: z.number(),
  duplicates: z.number(),
  lastUid: z.number(),
  uidValidityChanged: z.boolean(),
});
export type PollResult = z.infer<typeof ZPollResult>;
export const ZPollResponse = z.object({ data: ZPollResult });

// ---- mail sent for an item ----

/** Why we sent a mail: acknowledgement of a new item, an agent's reply, a tracking code or a status notice (loop module). */
export const OUTBOUND_PURPOSES = ['ack', 'reply', 'tracking_code', 'customer_notice'] as const;
export type OutboundPurpose = (typeof OUTBOUND_PURPOSES)[number];

export const ZOutboundMail = z.object({
  id: z.string(),
  purpose: z.enum(OUTBOUND_PURPOSES),
  to: z.string().nullable(),
  subject: z.string(),
  messageId: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ZOutboundMailListResponse = z.object({ data: z.array(ZOutboundMail) });
