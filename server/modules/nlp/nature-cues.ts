/** A named cue: the phrase shown as evidence and the pattern that finds it (on normalised, lower-cased text). */
export interface Cue {
  cue: string;
  pattern: RegExp;
}

function phrases(list: readonly string[]): Cue[] {
  return list.map((p) => ({ cue: p, pattern: new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }));
}

function words(list: readonly string[]): Cue[] {
  return list.map((p) => ({ cue: p, pattern: new RegExp(`\\b${p.replace(/ /g, '\\s+')}\\b`) }));
}

/** Explicit complaints: the customer says it is a complaint or uses strongly negative words. */
export const STRONG_COMPLAINT: Cue[] = [
  ...phrases([
    '投诉',
    '举报',
    '太差',
    '很差',
    '差劲',
    '垃圾',
    '骗子',
    '欺骗',
    '坑人',
    '忽悠',
    '恶心',
    '气死',
    '失望',
    '再也不',
    '别买',
    '不要买',
    '不推荐',
    '态度恶劣',
    '态度差',
    '差评',
    '没人管',
    '没人处理',
    '曝光',
    '起诉',
    '律师',
  ]),
  ...words([
    'complain',
    'complaint',
    'complaints',
    'terrible',
    'awful',
    'horrible',
    'worst',
    'scam',
    'fraud',
    'unacceptable',
    'disappointed',
    'disappointing',
    'rude',
    'ridiculous',
    'useless',
    'disgusting',
    'never again',
    'lawyer',
    'sue',
  ]),
];

/** Feature requests: a suggestion even when the text also mentions a problem. */
export const FEATURE_REQUEST: Cue[] = [
  ...phrases([
    '希望增加',
    '希望添加',
    '建议增加',
    '建议添加',
    '能否增加',
    '能否添加',
    '能不能加',
    '能不能增加',
    '可否增加',
    '可以增加',
    '增加一个',
    '加一个',
    '添加一个',
    '期待增加',
    '应该增加',
    '能加个',
    '加个',
  ]),
  ...words([
    'it would be nice',
    'would be great if',
    'please add',
    'feature request',
    'could you add',
    'can you add',
    'you should add',
    'recommend adding',
    'consider adding',
    'would love to see',
  ]),
];

/** General suggestions: yield to complaint cues found in the same text. */
export const SUGGESTION: Cue[] = [
  ...phrases([
    '建议',
    '希望能',
    '希望可以',
    '最好能',
    '要是能',
    '如果能',
    '改进',
    '改善',
    '优化一下',
    '提议',
  ]),
  ...words(['suggest', 'suggestion', 'would love', 'i wish', 'wish you', 'improve', 'should consider']),
];

/** Openers that make a message a question about how something works. */
export const INQUIRY_OPENER: Cue[] = [
  ...phrases([
    '请问',
    '咨询',
    '想问',
    '问一下',
    '问下',
    '如何',
    '怎么办理',
    '怎么申请',
    '怎样',
    '在哪里',
    '哪里可以',
    '能否告知',
    '是否可以',
    '是否支持',
    '多久能',
    '什么时候能',
  ]),
  ...words([
    'how do i',
    'how can i',
    'how to',
    'can i',
    'could i',
    'is it possible',
    'where can i',
    'where do i',
    'what is the',
    'what are the',
    'do you',
    'does the',
    'is there',
    'are there',
    'when will',
    'how long',
    'how much',
    'i would like to know',
    'wondering',
  ]),
];

/** A bad experience described without strong words: money, delivery, broken service. */
export const COMPLAINT: Cue[] = [
  ...phrases([
    '退款',
    '退钱',
    '赔偿',
    '没收到',
    '未收到',
    '还没收到',
    '没到账',
    '未到账',
    '还没到',
    '扣错',
    '多扣',
    '乱扣',
    '被扣',
    '扣了',
    '坏了',
    '闪退',
    '打不开',
    '登不上',
    '无法登录',
    '无法',
    '失败',
    '故障',
    '太慢',
    '拖延',
    '一直没',
    '不处理',
    '不满',
    '不能用',
  ]),
  // An action that cannot be done: 登录不了, 转不了, 用不了.
  { cue: '…不了', pattern: /(?:登录|登陆|登|用|进|付款|付|转账|转|取|提现|支付|打开|收)不了/ },
  ...words([
    'refund',
    'not received',
    'never received',
    'not arrived',
    'never arrived',
    'still waiting',
    'charged twice',
    'overcharged',
    'double charged',
    'broken',
    'not working',
    'not work',
    'stopped working',
    'lost',
    'delayed',
    'cancelled',
    'canceled',
    'declined',
    'stolen',
    'missing',
    'wrong',
  ]),
];

/** Question marks and sentence-final question particles. */
export const QUESTION: Cue[] = [
  { cue: '?', pattern: /\?/ },
  { cue: '吗', pattern: /吗(?:[\s.!,。！，~]|$)/ },
  { cue: '呢', pattern: /呢(?:[\s.!,。！，~]|$)/ },
  { cue: '么', pattern: /[什怎多]么/ },
  ...words(['how', 'what', 'why', 'when', 'where', 'which']),
];

/** Cues of a list that occur in the text, in list order. */
export function matchCues(text: string, cues: readonly Cue[]): string[] {
  return cues.filter((c) => c.pattern.test(text)).map((c) => c.cue);
}
