import type { Nature } from '../../../shared/enums.js';
import { type CueList, findCues } from './cues.js';

/** Cues for the default business areas (codes of DEFAULT_BUSINESS_AREAS), strongest evidence first. */
export const AREA_CUES: Record<string, CueList> = {
  tech_support: {
    zh: [
      '闪退',
      '崩溃',
      '登录',
      '登不上',
      '验证码',
      '密码',
      '系统',
      '软件',
      '网页',
      '页面',
      '打不开',
      '报错',
      '故障',
      '升级',
      '卡顿',
      '网络',
      '刷脸',
      '手机银行',
      '网银',
      'app',
      'bug',
    ],
    en: [
      'crash',
      'crashes',
      'crashing',
      'app',
      'log in',
      'login',
      'password',
      'error',
      'bug',
      'website',
      'page',
      'update',
      'otp',
      'verification code',
      'online banking',
      'face id',
      'outage',
    ],
  },
  after_sales: {
    zh: [
      '退款',
      '退货',
      '换货',
      '售后',
      '维修',
      '保修',
      '发货',
      '物流',
      '快递',
      '没收到',
      '未收到',
      '到货',
      '质量',
      '损坏',
      '破损',
      '赔偿',
      '扣款',
      '转账',
      '到账',
      '账单',
      '盗刷',
      '手续费',
      '退钱',
    ],
    en: [
      'refund',
      'return',
      'exchange',
      'warranty',
      'repair',
      'delivery',
      'delivered',
      'shipping',
      'package',
      'parcel',
      'damaged',
      'charged',
      'charge',
      'transfer',
      'statement',
      'fee',
      'fees',
      'stolen',
      'not received',
      'never arrived',
    ],
  },
  pre_sales: {
    zh: [
      '价格',
      '多少钱',
      '优惠',
      '活动',
      '购买',
      '开户',
      '办理',
      '申请',
      '利率',
      '费率',
      '套餐',
      '有货',
      '库存',
      '怎么买',
      '产品介绍',
      '额度',
    ],
    en: [
      'price',
      'pricing',
      'how much',
      'discount',
      'buy',
      'purchase',
      'open an account',
      'apply',
      'interest rate',
      'plan',
      'in stock',
      'offer',
      'available',
    ],
  },
};

/** When no cue speaks: complaints go to after-sales, inquiries to pre-sales; suggestions and praise wait for a person. */
const BY_NATURE: Partial<Record<Nature, string>> = { complaint: 'after_sales', inquiry: 'pre_sales' };

export interface AreaDecision {
  area: string | null;
  evidence: string[];
}

/** Business area by cue counts (ties: after-sales, technical support, pre-sales), else by nature. */
export function decideBusinessArea(text: string, nature: Nature | null): AreaDecision {
  let best: { area: string; hits: string[] } | null = null;
  for (const area of ['after_sales', 'tech_support', 'pre_sales']) {
    const hits = findCues(text, AREA_CUES[area]!);
    if (hits.length > 0 && (!best || hits.length > best.hits.length)) best = { area, hits };
  }
  if (best) return { area: best.area, evidence: best.hits.map((h) => `cue "${h}"`) };
  const fallback = nature ? BY_NATURE[nature] : undefined;
  if (fallback) return { area: fallback, evidence: [`nature ${nature}`] };
  return { area: null, evidence: [] };
}
