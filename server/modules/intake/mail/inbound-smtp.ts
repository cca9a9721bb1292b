import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../../platform/http/context.js';
import type { Listener } from '../../module.js';
import { receiveEmail } from './commands/receive-email.js';

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound SMTP listener (SMTP_INBOUND_PORT on HOST): accepts mail for any recipient, without AUTH or
 * STARTTLS (it is meant for loopback or a trusted relay in front of it), up to SMTP_INBOUND_MAX_BYTES.
 * A message is answered 250 only after receiveEmail has committed it; any failure is a 451 temporary
 * error so the sending server keeps the message and retries.
 */
export async function startInboundSmtp(
  ctx: Pick<AppContext, 'database' | 'config' | 'clock' | 'logger'>,
): Promise<Listener> {
  const { config, logger } = ctx;
  const maxBytes = config.mail.inboundMaxBytes;
  const server = new SMTPServer({
    name: 'closeloop',
    banner: 'Closeloop feedback intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    socketTimeout: 60_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit the rest is read and dropped, so memory stays bounded.
        if (bytes <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error: Error) => callback(smtpError(451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > maxBytes) {
          callback(smtpError(552, `5.3.4 Message exceeds the maximum size of ${maxBytes} bytes`));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        receiveEmail(ctx, Buffer.concat(chunks), {
          via: 'smtp',
          envelopeFrom: mailFrom === false ? null : mailFrom.address,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          remoteIp: session.remoteAddress ?? null,
        })
          .then((result) => {
            logger.info({ outcome: result.outcome, feedbackId: result.feedbackId }, 'inbound mail received');
            callback();
          })
          .catch((error: unknown) => {
            logger.error({ err: error }, 'inbound mail could not be stored');
            callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
          });
      });
    },
  });
  server.on('error', (error) => logger.error({ err: error }, 'inbound SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.mail.inboundPort ?? 0, config.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  logger.info({ host: address.address, port: address.port }, 'inbound SMTP listener started');
  return {
    name: 'smtp-inbound',
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
