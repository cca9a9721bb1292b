import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { SMTPServer } from 'smtp-server';

/** Builds a raw RFC 5322 message with nodemailer's composer (real MIME, as a client would send it). */
export function composeMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

export interface ReceivedMail {
  from: string | null;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (ephemeral port) that keeps every message it accepts. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One header of a received mail as raw text (after unfolding). */
export function headerOf(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((l) => l.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real Dovecot IMAP server on a free loopback port, with its own config, passwd-file and maildir in a
 * temp directory (plain IMAP with PLAIN login, no TLS: loopback only). Stopped and removed by stop().
 */
export async function startDovecot(): Promise<Dovecot> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { spawn } = await import('node:child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-dovecot-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : (process.getuid?.() ?? 65534);
  const gid = root ? 65534 : (process.getgid?.() ?? 65534);
  if (root) fs.chownSync(path.join(dir, 'mail'), uid, gid);
  const user = 'support';
  const password = 'imap-test-password';
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const port = await freePort();
  const me = os.userInfo().username;
  const lines = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:${dir}/mail/%u`,
    'first_valid_uid = 1',
    ...(root ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`]),
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${uid} gid=${gid} home=${dir}/mail/%u`,
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
  ];
  const config = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(config, `${lines.join('\n')}\n`);
  // In the foreground (-F): the master is our child, and stopping it stops every Dovecot process.
  const master = spawn(DOVECOT_BINARY, ['-F', '-c', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
  // Wait until the login service answers.
  const { connect } = await import('node:net');
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) break;
    if (i > 50 || master.exitCode !== null) {
      master.kill('SIGTERM');
      const log = fs.existsSync(path.join(dir, 'dovecot.log'))
        ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
        : '';
      throw new Error(`dovecot did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user,
    password,
    async stop() {
      if (master.exitCode === null) {
        master.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
