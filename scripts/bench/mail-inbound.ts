/**
 * Drives the inbound SMTP listener of a running server: `npx tsx scripts/bench/mail-inbound.ts --port 2526
 * [--host 127.0.0.1] [--count 500] [--concurrency 10]`. Each message is a distinct new mail (UTF-8 Chinese text);
 * prints messages/s and latency percentiles of the SMTP DATA answer (250 = committed by the server).
 */
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    count: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '10' },
  },
});
if (!values.port) throw new Error('--port is required (the server SMTP_INBOUND_PORT)');
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const run = Date.now().toString(36);

async function worker(id: number, next: () => number | null, latencies: number[]) {
  const transport = nodemailer.createTransport({
    host: values.host,
    port: Number(values.port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  for (let n = next(); n !== null; n = next()) {
    const started = performance.now();
    await transport.sendMail({
      from: `bench${n % 50}@customer.example`,
      to: 'support@bank.example',
      subject: `压测邮件 ${n}`,
      text: `第 ${n} 封：信用卡账单金额不对，请尽快核实处理。worker ${id}`,
      messageId: `<bench-${run}-${n}@customer.example>`,
    });
    latencies.push(performance.now() - started);
  }
  transport.close();
}

let issued = 0;
const next = () => (issued < count ? issued++ : null);
const latencies: number[] = [];
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, next, latencies)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(
  `${count} messages, concurrency ${concurrency}: ${(count / seconds).toFixed(1)} msg/s, ` +
    `p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms`,
);
