import type { Amount } from '../../../shared/contracts/triage.js';
import type { Channel, CustomerTier, Nature, Priority, SentimentLabel } from '../../../shared/enums.js';
import type { StoredPriorityReason } from '../feedback/index.js';
import { largestAmount } from './amounts.js';
import { type CueList, findCues } from './cues.js';

/** PRODUCT §3 "urgent": personal safety. */
export const SAFETY_CUES: CueList = {
  zh: [
    '人身安全',
    '受伤',
    '伤害',
    '起火',
    '着火',
    '失火',
    '爆炸',
    '触电',
    '漏电',
    '中毒',
    '死亡',
    '身亡',
    '流血',
    '住院',
    '骨折',
    '烫伤',
    '烧伤',
    '自杀',
    '轻生',
    '人身威胁',
  ],
  en: [
    'personal safety',
    'injured',
    'injury',
    'injuries',
    'caught fire',
    'on fire',
    'explosion',
    'exploded',
    'electric shock',
    'electrocuted',
    'poisoning',
    'poisoned',
    'hospitalized',
    'hospitalised',
    'suicide',
    'died',
    'death',
    'burned',
    'unsafe',
  ],
};

/** PRODUCT §3 "urgent": major financial loss (besides a large amount in a complaint). */
export const FINANCIAL_LOSS_CUES: CueList = {
  zh: [
    '盗刷',
    '资金被盗',
    '钱被盗',
    '被盗',
    '被骗',
    '诈骗',
    '资金损失',
    '巨额损失',
    '钱没了',
    '账户被盗',
    '被转走',
  ],
  en: [
    'stolen',
    'fraud',
    'fraudulent',
    'unauthorized transaction',
    'unauthorized transactions',
    'unauthorised transaction',
    'unauthorized charge',
    'unauthorized charges',
    'scammed',
    'money was taken',
    'account was hacked',
    'account hacked',
    'drained',
  ],
};

/** PRODUCT §3 "urgent": legal, regulatory and media risk. */
export const LEGAL_CUES: CueList = {
  zh: [
    '起诉',
    '诉讼',
    '律师',
    '法院',
    '打官司',
    '仲裁',
    '监管',
    '银保监',
    '银监会',
    '证监会',
    '金融监管',
    '人民银行',
    '12315',
    '12378',
    '消协',
    '消费者协会',
    '投诉到',
    '举报',
    '媒体曝光',
    '曝光',
    '记者',
    '上热搜',
    '报警',
  ],
  en: [
    'lawsuit',
    'sue',
    'suing',
    'lawyer',
    'lawyers',
    'attorney',
    'court',
    'legal action',
    'regulator',
    'regulators',
    'regulatory',
    'cfpb',
    'ombudsman',
    'journalist',
    'journalists',
    'reporter',
    'the press',
    'media',
    'go public',
    'police',
  ],
};

/** PRODUCT §3 "high": the core experience is broken. */
export const BROKEN_CORE_CUES: CueList = {
  zh: [
    '未收到货',
    '没收到',
    '没有收到',
    '未收到',
    '收不到',
    '一直没到',
    '还没到',
    '无法转账',
    '转账失败',
    '不能转账',
    '转不了',
    '未到账',
    '没到账',
    '系统故障',
    '系统崩溃',
    '系统出错',
    '系统错误',
    '闪退',
    '崩溃',
    '登录不了',
    '无法登录',
    '登不上',
    '不能登录',
    '登录失败',
    '打不开',
    '无法使用',
    '用不了',
    '无法支付',
    '支付失败',
    '付不了款',
    '无法取款',
    '取不了钱',
    '卡被吞',
    '被冻结',
  ],
  en: [
    'cannot transfer',
    'unable to transfer',
    'transfer failed',
    'transfer is failing',
    'app crashes',
    'app crashed',
    'keeps crashing',
    'crashes',
    'crashing',
    'cannot log in',
    'cannot login',
    'unable to log in',
    'unable to login',
    'login failed',
    'locked out',
    'not delivered',
    'never delivered',
    'never arrived',
    'never received',
    'not received',
    'have not received',
    'has not arrived',
    'not arrived',
    'system down',
    'system failure',
    'outage',
    'payment failed',
    'cannot pay',
    'unable to pay',
    'not working',
    'does not work',
    'cannot withdraw',
    'account frozen',
    'account is frozen',
  ],
};

/** An amount at least this large (CNY) in a complaint counts as a major financial loss. */
export const LARGE_AMOUNT_CNY = 50_000;
/** Sentiment at or below this score in a complaint raises normal → high. */
export const STRONG_NEGATIVE_SCORE = -0.9;
/** Channels where an angry complaint is public (reputation risk): raises normal → high. */
export const PUBLIC_CHANNELS: readonly Channel[] = ['social', 'review', 'app_store'];
/** A VIP customer raises the tier by one, but not above this: urgent stays reserved for safety, loss and legal risk. */
export const VIP_RAISE_CAP: Priority = 'high';

const ORDER: Priority[] = ['suggestion', 'normal', 'high', 'urgent'];
const rank = (p: Priority) => ORDER.indexOf(p);

export interface PriorityInput {
  /** Prepared by cueText. */
  text: string;
  nature: Nature | null;
  sentiment: { label: SentimentLabel; score: number };
  customerTier: CustomerTier | null;
  channel: Channel;
  amounts: Amount[];
}

export interface PriorityDecision {
  priority: Priority;
  reasons: StoredPriorityReason[];
}

function reason(
  code: string,
  priority: Priority,
  labelZh: string,
  labelEn: string,
  evidence: string[],
): StoredPriorityReason {
  return { code, priority, labelZh, labelEn, evidence, ruleId: null };
}

/**
 * Built-in priority (PRODUCT §3), with the reasons that set it:
 *  urgent — personal safety, major financial loss (theft/fraud cues, or an amount ≥ LARGE_AMOUNT_CNY in a
 *  complaint), legal, regulatory or media risk;
 *  high — core experience broken (not delivered, cannot transfer, crashes, cannot log in …);
 *  suggestion — nature suggestion; otherwise normal.
 * Then raises: strong negative complaint normal → high; angry complaint on a public channel normal → high;
 * VIP customer one tier up (capped at VIP_RAISE_CAP).
 */
export function decidePriority(input: PriorityInput): PriorityDecision {
  const reasons: StoredPriorityReason[] = [];
  const safety = findCues(input.text, SAFETY_CUES);
  if (safety.length > 0)
    reasons.push(reason('personal_safety', 'urgent', '人身安全风险', 'Personal safety risk', safety));
  const loss = findCues(input.text, FINANCIAL_LOSS_CUES);
  const largest = largestAmount(input.amounts);
  const largeAmounts =
    input.nature === 'complaint' && largest >= LARGE_AMOUNT_CNY
      ? input.amounts.filter((a) => a.cny >= LARGE_AMOUNT_CNY).map((a) => a.text)
      : [];
  if (loss.length > 0 || largeAmounts.length > 0)
    reasons.push(
      reason('financial_loss', 'urgent', '重大资金损失', 'Major financial loss', [...loss, ...largeAmounts]),
    );
  const legal = findCues(input.text, LEGAL_CUES);
  if (legal.length > 0)
    reasons.push(
      reason('legal_risk', 'urgent', '法律、监管或媒体风险', 'Legal, regulatory or media risk', legal),
    );

  let priority: Priority;
  if (reasons.length > 0) priority = 'urgent';
  else {
    const broken = findCues(input.text, BROKEN_CORE_CUES);
    if (broken.length > 0) {
      priority = 'high';
      reasons.push(reason('core_broken', 'high', '核心体验受损', 'Core experience broken', broken));
    } else if (input.nature === 'suggestion') {
      priority = 'suggestion';
      reasons.push(reason('suggestion', 'suggestion', '建议类反馈', 'A suggestion', ['nature: suggestion']));
    } else {
      priority = 'normal';
      reasons.push(reason('default', 'normal', '常规问题', 'Regular issue', []));
    }
  }

  const complaint = input.nature === 'complaint';
  if (
    priority === 'normal' &&
    complaint &&
    input.sentiment.label === 'negative' &&
    input.sentiment.score <= STRONG_NEGATIVE_SCORE
  ) {
    priority = 'high';
    reasons.push(
      reason('strong_negative', 'high', '强烈负面情绪', 'Strongly negative sentiment', [
        `sentiment ${input.sentiment.score}`,
      ]),
    );
  }
  if (
    priority === 'normal' &&
    complaint &&
    input.sentiment.label === 'negative' &&
    PUBLIC_CHANNELS.includes(input.channel)
  ) {
    priority = 'high';
    reasons.push(
      reason('public_channel', 'high', '公开渠道的负面投诉', 'Negative complaint on a public channel', [
        `channel ${input.channel}`,
      ]),
    );
  }
  if (input.customerTier === 'vip' && rank(priority) < rank(VIP_RAISE_CAP)) {
    priority = ORDER[rank(priority) + 1]!;
    reasons.push(
      reason('vip_customer', priority, 'VIP 客户，提升一级', 'VIP customer: one tier up', ['tier vip']),
    );
  }
  return { priority, reasons };
}
