import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink } from '../../server/modules/intake/mail/mail.test-support.js';
import { staffSession, startServer } from './server.js';

/** Known items the flows look for (their ticket numbers are handed to the tests through the env). */
export const SEED = [
  {
    key: 'refund',
    description: '我在上周申请的退款迟迟没有到账，已经联系客服三次了，请尽快处理。订单号 A-20261101。',
    nature: 'complaint',
    priority: 'high',
    customer: { name: '王小明', email: 'wang.xiaoming@example.com' },
  },
  {
    key: 'zeppelin',
    description: 'The zeppelin tracking page shows my parcel as delivered, but nothing arrived at my door.',
    nature: 'complaint',
    priority: 'normal',
    customer: { name: 'Alice Smith', email: 'alice@example.com' },
  },
  {
    key: 'praise',
    description: '前台的李女士服务非常耐心，帮我解决了会员积分的问题，特此表扬！',
    nature: 'praise',
    priority: 'suggestion',
    customer: { name: '陈静', phone: '13800138000' },
  },
  {
    key: 'idea',
    description: 'Please add a dark mode to the mobile app; the white screen is too bright at night.',
    nature: 'suggestion',
    priority: 'suggestion',
    customer: { name: 'Bob Lee', email: 'bob@example.com' },
  },
  {
    key: 'urgent',
    description: '店内地面湿滑没有任何警示牌，我母亲摔倒受伤送医，要求说明情况并赔偿医疗费用。',
    nature: 'complaint',
    priority: 'urgent',
    customer: { name: '赵磊', email: 'zhao.lei@example.com' },
  },
] as const;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const kind = process.env.BROWSER_DB === 'postgres' ? 'postgres' : 'sqlite';
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../../web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` first (npm test does it)');
  }
  // A real SMTP server receives what the product mails (tracking codes, acknowledgements); each message's
  // recipients and text go to a file the tests read.
  const sink = await startSmtpSink();
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-browser-mail-'));
  let written = 0;
  const copier = setInterval(() => {
    for (; written < sink.received.length; written++) {
      const mail = sink.received[written]!;
      const text = `${mail.to.join(',')}\n${mail.parsed.text ?? ''}`;
      fs.writeFileSync(path.join(mailDir, `${String(written).padStart(4, '0')}.txt`), text);
    }
  }, 100);
  const server = await startServer(kind, {
    SMTP_URL: sink.url,
    MAIL_FROM: 'Closeloop <support@closeloop.test>',
  });
  const call = await staffSession(server.baseUrl, server.adminEmail, server.adminPassword);
  const numbers: Record<string, { id: string; number: string }> = {};
  for (const item of SEED) {
    const { key, ...body } = item;
    const res = await call<{ data: { id: string; number: string } }>('POST', '/feedback', {
      ...body,
      channel: 'phone',
    });
    numbers[key] = { id: res.data.id, number: res.data.number };
  }
  process.env.CL_BASE_URL = server.baseUrl;
  process.env.CL_ADMIN_EMAIL = server.adminEmail;
  process.env.CL_ADMIN_PASSWORD = server.adminPassword;
  process.env.CL_SEED = JSON.stringify(numbers);
  process.env.CL_DB_KIND = kind;
  process.env.CL_MAIL_DIR = mailDir;
  return async () => {
    await server.stop();
    clearInterval(copier);
    await sink.close();
    fs.rmSync(mailDir, { recursive: true, force: true });
  };
}
