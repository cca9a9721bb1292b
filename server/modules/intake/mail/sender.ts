import nodemailer, { type Transporter } from 'nodemailer';

const transports = new Map<string, Transporter>();

/** One nodemailer transport per SMTP URL (pooled connections are not needed at our volumes). */
export function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    // Timeouts as URL parameters (nodemailer reads transport options from the query string).
    for (const [key, value] of [
      ['connectionTimeout', '10000'],
      ['greetingTimeout', '10000'],
      ['socketTimeout', '30000'],
    ] as const)
      if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    transport = nodemailer.createTransport(url.toString());
    transports.set(smtpUrl, transport);
  }
  return transport;
}
