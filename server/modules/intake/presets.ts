import type { HookChannel } from '../../../shared/contracts/intake.js';
import type { FieldMapping } from './mapping.js';

export interface SourcePreset {
  code: string;
  nameEn: string;
  nameZh: string;
  channel: HookChannel;
  signatureHeader: string;
  timestampHeader: string | null;
  mapping: FieldMapping;
  /** A payload of the shape the mapping expects, for documentation and tests. */
  example: Record<string, unknown>;
}

/** Ready-made mappings: creating a source with `preset` starts from one of these. */
export const SOURCE_PRESETS: readonly SourcePreset[] = [
  {
    code: 'sms_gateway',
    nameEn: 'Generic SMS gateway (inbound message callback)',
    nameZh: '通用短信网关（上行短信回调）',
    channel: 'sms',
    signatureHeader: 'x-signature',
    timestampHeader: 'x-timestamp',
    mapping: {
      description: '$.text',
      'customer.phone': '$.from',
      occurredAt: '$.receivedAt',
      sourceId: '$.messageId',
    },
    example: {
      messageId: 'sms-20261123-0001',
      from: '+8613812345678',
      to: '10690000',
      text: '你们的APP转账一直失败，请尽快处理',
      receivedAt: '2026-11-23T09:15:00+08:00',
    },
  },
  {
    code: 'review_feed',
    nameEn: 'Generic review feed (review sites, app stores)',
    nameZh: '通用评价推送（点评网站、应用商店）',
    channel: 'review',
    signatureHeader: 'x-signature',
    timestampHeader: 'x-timestamp',
    mapping: {
      description: '$.review.body',
      subject: '$.review.title',
      rating: '$.review.rating',
      'customer.name': '$.review.author.name',
      'customer.email': '$.review.author.email',
      occurredAt: '$.review.createdAt',
      product: '$.product.name',
      branch: '$.location.name',
      sourceId: '$.review.id',
    },
    example: {
      review: {
        id: 'rev-88231',
        title: 'Slow service',
        body: 'Waited 40 minutes at the counter and nobody explained why.',
        rating: 2,
        author: { name: 'Li Wei' },
        createdAt: '2026-11-22T18:03:00Z',
      },
      product: { name: 'Counter service' },
      location: { name: 'Pudong branch' },
    },
  },
];

export function findPreset(code: string): SourcePreset | undefined {
  return SOURCE_PRESETS.find((p) => p.code === code);
}
