import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../intake/signature.js';
import type { SmsMessage, SmsSettings } from './gateway.js';
import { aliyunPercentEncode, aliyunSignature, aliyunStringToSign } from './gateways/aliyun.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './gateways/http.js';
import { createGateway } from './gateways/index.js';
import { tc3Authorization } from './gateways/tencent.js';
import { type GatewayPeer, startGatewayPeer } from './sms.test-support.js';

const NONE: SmsSettings = {
  provider: undefined,
  endpoint: undefined,
  httpUrl: undefined,
  httpBody: undefined,
  httpSecret: undefined,
  accessKeyId: undefined,
  accessKeySecret: undefined,
  signName: undefined,
  sdkAppId: undefined,
  region: undefined,
  templateCode: undefined,
  templateNotice: undefined,
  templateReply: undefined,
};
const now = () => new Date('2026-11-23T08:30:05.123Z');
const message: SmsMessage = {
  id: '019a0000-0000-7000-8000-000000000001',
  to: '+8613800138000',
  text: '验证码 123456，用于查询工单 FB-20261123-0001，10 分钟内有效。',
  template: 'code',
  params: { code: '123456', minutes: '10' },
};

describe('cloud SMS request signing against the providers’ documented examples', () => {
  it('Aliyun RPC signature (HMAC-SHA1) reproduces the documented DescribeRegions example', () => {
    // Worked example of Aliyun's "API signature mechanism": AccessKeyId testid, secret testsecret.
    // Source: https://developer.aliyun.com/ask/210168 (quoting the signature documentation; the same signature
    // value appears in https://help.aliyun.com/en/document_detail/130769.html).
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    const stringToSign = aliyunStringToSign('GET', params);
    expect(stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(aliyunSignature('testsecret', stringToSign)).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('Aliyun percent-encoding leaves only unreserved characters and encodes space as %20', () => {
    expect(aliyunPercentEncode("a b*c~d!'()+/=中")).toBe('a%20b%2Ac~d%21%27%28%29%2B%2F%3D%E4%B8%AD');
  });

  it('Tencent Cloud TC3-HMAC-SHA256 reproduces the documented CVM DescribeInstances example', () => {
    // Worked example of "Signature v3" (https://www.tencentcloud.com/document/product/382/40467, Tencent Cloud
    // SMS API docs): SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE, timestamp 1551113065.
    const { authorization, stringToSign } = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('refuses an incomplete provider configuration by naming the missing variable', () => {
    expect(() => createGateway({ ...NONE, provider: 'aliyun', accessKeyId: 'id' }, now)).toThrow(
      /SMS_ACCESS_KEY_SECRET: required when SMS_PROVIDER=aliyun/,
    );
    expect(() => createGateway({ ...NONE, provider: 'http' }, now)).toThrow(/SMS_HTTP_URL/);
    expect(createGateway(NONE, now)).toBeNull();
  });
});

describe('sending through each gateway to a real HTTP server on 127.0.0.1', () => {
  let peer: GatewayPeer;
  beforeAll(async () => {
    peer = await startGatewayPeer();
  });
  afterAll(async () => {
    await peer.close();
  });
  beforeEach(() => {
    peer.requests.length = 0;
  });

  it('generic HTTP: fills the body template and signs timestamp + body like inbound webhooks', async () => {
    const secret = 'gateway-shared-secret';
    peer.respond = (req) => {
      const ok = verifySignature(
        secret,
        Buffer.from(`${req.headers[TIMESTAMP_HEADER]}.${req.body}`),
        String(req.headers[SIGNATURE_HEADER] ?? ''),
      );
      return ok
        ? { status: 202, body: { messageId: 'gw-77' } }
        : { status: 401, body: { error: 'bad signature' } };
    };
    const gateway = createGateway(
      {
        ...NONE,
        provider: 'http',
        httpUrl: peer.url,
        httpSecret: secret,
        httpBody:
          '{"mobile":"{{to}}","content":"{{text}}","meta":{"kind":"{{template}}","vars":"{{params}}"}}',
      },
      now,
    );
    const result = await gateway?.send(message);
    expect(result).toEqual({ messageId: 'gw-77' });
    expect(peer.requests).toHaveLength(1);
    const req = peer.requests[0];
    expect(req?.headers[TIMESTAMP_HEADER]).toBe(String(Math.floor(now().getTime() / 1000)));
    expect(req?.headers['idempotency-key']).toBe(message.id);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      mobile: '+8613800138000',
      content: message.text,
      meta: { kind: 'code', vars: { code: '123456', minutes: '10' } },
    });

    // A wrong secret is refused by the peer, so the send fails (and would be retried).
    const wrong = createGateway({ ...NONE, provider: 'http', httpUrl: peer.url, httpSecret: 'other' }, now);
    await expect(wrong?.send(message)).rejects.toThrow(/HTTP 401/);
  });

  it('Aliyun: POSTs SendSms form parameters whose signature the peer verifies', async () => {
    peer.respond = (req) => {
      const params = Object.fromEntries(new URLSearchParams(req.body));
      const expected = aliyunSignature('ali-secret', aliyunStringToSign('POST', params));
      if (params.Signature !== expected) return { status: 400, body: { Code: 'SignatureDoesNotMatch' } };
      return {
        status: 200,
        body: { Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'r1' },
      };
    };
    const settings: SmsSettings = {
      ...NONE,
      provider: 'aliyun',
      endpoint: peer.url,
      accessKeyId: 'ali-id',
      accessKeySecret: 'ali-secret',
      signName: '客服中心',
      templateCode: 'SMS_100000001',
      templateNotice: 'SMS_100000002',
    };
    const result = await createGateway(settings, now)?.send(message);
    expect(result).toEqual({ messageId: '9006197469364984^0' });
    const params = Object.fromEntries(new URLSearchParams(peer.requests[0]?.body ?? ''));
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      AccessKeyId: 'ali-id',
      PhoneNumbers: '13800138000',
      SignName: '客服中心',
      TemplateCode: 'SMS_100000001',
      Timestamp: '2026-11-23T08:30:05Z',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect(JSON.parse(params.TemplateParam ?? '')).toEqual({ code: '123456', minutes: '10' });

    const wrongKey = createGateway({ ...settings, accessKeySecret: 'not-it' }, now);
    await expect(wrongKey?.send(message)).rejects.toThrow(/SignatureDoesNotMatch/);
    peer.respond = () => ({
      status: 200,
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' },
    });
    await expect(createGateway(settings, now)?.send(message)).rejects.toThrow(/BUSINESS_LIMIT_CONTROL/);
  });

  it('Tencent Cloud: POSTs SendSms 2021-01-11 with a TC3 Authorization the peer verifies', async () => {
    peer.respond = (req) => {
      const expected = tc3Authorization({
        secretId: 'tc-id',
        secretKey: 'tc-key',
        service: 'sms',
        host: String(req.headers.host),
        timestamp: Number(req.headers['x-tc-timestamp']),
        payload: req.body,
      }).authorization;
      if (req.headers.authorization !== expected)
        return {
          status: 200,
          body: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' } } },
        };
      return {
        status: 200,
        body: { Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success', SerialNo: '2028:1' }] } },
      };
    };
    const settings: SmsSettings = {
      ...NONE,
      provider: 'tencent',
      endpoint: peer.url,
      accessKeyId: 'tc-id',
      accessKeySecret: 'tc-key',
      signName: '客服中心',
      sdkAppId: '1400000001',
      templateCode: '100001',
      templateNotice: '100002',
    };
    const notice: SmsMessage = {
      ...message,
      template: 'notice',
      params: { number: 'FB-1', status: '已受理', url: 'https://x.example/track/FB-1' },
    };
    expect(await createGateway(settings, now)?.send(notice)).toEqual({ messageId: '2028:1' });
    const req = peer.requests[0];
    expect(req?.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(Math.floor(now().getTime() / 1000)),
      'content-type': 'application/json; charset=utf-8',
    });
    expect(JSON.parse(req?.body ?? '')).toMatchObject({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400000001',
      SignName: '客服中心',
      TemplateId: '100002',
      TemplateParamSet: ['FB-1', '已受理', 'https://x.example/track/FB-1'],
    });
    await expect(createGateway({ ...settings, accessKeySecret: 'nope' }, now)?.send(notice)).rejects.toThrow(
      /AuthFailure.SignatureFailure/,
    );
  });
});
