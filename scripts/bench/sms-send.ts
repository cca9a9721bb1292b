/**
 * Outgoing SMS throughput through the real job path: `npx tsx scripts/bench/sms-send.ts [--db sqlite|postgres]
 * [--count 300] [--provider http|aliyun|tencent]`. Starts a loopback HTTP server standing in for the provider (it
 * answers like the provider; the signature is checked by the tests, not here), queues `count` SMS with `queueSms`
 * (one transaction each, like the loop's notices), then runs the `sms.send` jobs and prints SMS/s and how many
 * ended `sent`.
 */
import { parseArgs } from 'node:util';
import { queueSms } from '../../server/modules/notifications/sms/index.js';
import { startGatewayPeer } from '../../server/modules/notifications/sms/sms.test-support.js';
import { loadConfig } from '../../server/platform/config/config.js';
import { createRuntime } from '../../server/runtime.js';
import { type BenchDbKind, createBenchDatabase } from './bench-database.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    count: { type: 'string', default: '300' },
    provider: { type: 'string', default: 'http' },
  },
});
const count = Number(values.count);
const provider = values.provider as 'http' | 'aliyun' | 'tencent';
const peer = await startGatewayPeer();
peer.respond = () =>
  provider === 'aliyun'
    ? { status: 200, body: { Code: 'OK', BizId: 'b' } }
    : provider === 'tencent'
      ? { status: 200, body: { Response: { SendStatusSet: [{ Code: 'Ok', SerialNo: 's' }] } } }
      : { status: 200, body: { id: 'h' } };
const database = await createBenchDatabase(values.db as BenchDbKind, 'sms');
const config = loadConfig(
  {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    CLOSELOOP_DATA_DIR: '/tmp/closeloop-bench-data',
    SMS_PROVIDER: provider,
    SMS_ENDPOINT: peer.url,
    SMS_HTTP_SECRET: 'bench',
    SMS_ACCESS_KEY_ID: 'id',
    SMS_ACCESS_KEY_SECRET: 'secret',
    SMS_SIGN_NAME: '示例银行',
    SMS_SDK_APP_ID: '1400000000',
    SMS_TEMPLATE_CODE: 'T1',
    SMS_TEMPLATE_NOTICE: 'T2',
  },
  { dotenv: false },
);
const runtime = await createRuntime(config, { httpLogger: false });
try {
  const t0 = performance.now();
  for (let i = 0; i < count; i++)
    await runtime.ctx.database.write((trx) =>
      queueSms(trx, runtime.ctx.queue, {
        purpose: 'customer_notice',
        refId: `bench-${i}`,
        feedbackId: null,
        to: `+86138${String(i).padStart(8, '0')}`,
        template: 'notice',
        params: { number: `FB-${i}`, status: '已受理', url: 'https://x.example/track' },
        text: `您的反馈已受理，工单号 FB-${i}。`,
        at: new Date().toISOString(),
      }),
    );
  const t1 = performance.now();
  while ((await runtime.ctx.queue.runDue(100)) > 0);
  const t2 = performance.now();
  const rows = await runtime.ctx.database.db.selectFrom('sms_outbound').select('status').execute();
  const sent = rows.filter((r) => r.status === 'sent').length;
  console.log(
    JSON.stringify({
      db: values.db,
      provider,
      count,
      queuePerSecond: Math.round((count / (t1 - t0)) * 1000),
      sendPerSecond: Math.round((count / (t2 - t1)) * 1000),
      sent,
      gatewayRequests: peer.requests.length,
    }),
  );
} finally {
  await runtime.close();
  await database.drop();
  await peer.close();
}
