import type { Nature, Priority } from '../../shared/enums.js';
import { DEMO_TAG_PATHS, type DemoTag } from './demo-tags.js';
import type { SampleText } from './sample-texts.js';

export type DemoBusinessArea = 'pre_sales' | 'after_sales' | 'tech_support';

/** What a triage step could plausibly conclude about a sample text; used to make demo and bench data coherent. */
export interface SampleTraits {
  nature: Nature;
  businessArea: DemoBusinessArea;
  priority: Priority;
  tags: DemoTag[];
  product: string | null;
}

const TAG_RULES: readonly (readonly [RegExp, DemoTag])[] = [
  [/排队|等了|等待|半天|on hold|long line|wait(ed|ing)? (for|over)/i, '服务/排队时间'],
  [/态度|服务员|前台|服务差|rude|attitude|customer service|flight attendant/i, '服务/服务态度'],
  [/没人回|不回复|回复慢|no response|never (heard|replied)|no reply/i, '服务/响应慢'],
  [/送餐|配送|送到|送达|快递|物流|发货|到货|deliver|shipping|arriv/i, '物流/配送延迟'],
  [/包装|破损|漏了|damaged/i, '物流/包装破损'],
  [/行李|luggage|baggage|\bbags?\b/i, '物流/行李问题'],
  [/转账|transfer/i, '支付/转账失败'],
  [/退款|退货|退钱|refund/i, '支付/退款'],
  [/扣费|乱收费|多扣|\bfees?\b|charged|interest rate/i, '支付/扣费争议'],
  [/登录|密码|验证码|log ?in|password|passcode|\bpin\b|verif/i, '账户/登录问题'],
  [/银行卡|信用卡|\bcards?\b/i, '账户/银行卡'],
  [/credit report|credit bureau|reporting agenc/i, '账户/信用报告'],
  [/死机|卡顿|闪退|蓝屏|驱动|系统|软件|bug|crash|error/i, '产品/功能缺陷'],
  [/界面|屏幕|显示|字体|\bui\b|screen|display/i, '产品/UI问题'],
  [/质量|坏了|假货|做工|难用|quality|broken/i, '产品/质量问题'],
  [/延误|晚点|delay|late flight/i, '出行/航班延误'],
  [/取消|cancel+ed/i, '出行/航班取消'],
  [/预订|订房|book(ing)?|reservation|seat/i, '出行/预订问题'],
  [/房间|设施|空调|热水|隔音|床/i, '住宿/房间设施'],
  [/味道|难吃|口味|好吃|太咸|太淡|凉了/i, '餐饮/口味'],
  [/建议|希望|应该|would be nice|please add|suggest/i, '产品/功能建议'],
];

const AIRLINE_REASON_TAGS: Record<string, DemoTag> = {
  'Late Flight': '出行/航班延误',
  'Cancelled Flight': '出行/航班取消',
  'Lost Luggage': '物流/行李问题',
  'Damaged Luggage': '物流/行李问题',
  longlines: '服务/排队时间',
  'Customer Service Issue': '服务/服务态度',
  'Flight Attendant Complaints': '服务/服务态度',
  'Flight Booking Problems': '出行/预订问题',
};

const SOURCE_DEFAULT_TAGS: Record<SampleText['source'], DemoTag> = {
  online_shopping: '产品/质量问题',
  waimai: '餐饮/口味',
  hotel: '住宿/房间设施',
  banking77: '账户/银行卡',
  airline: '服务/服务态度',
  cfpb: '支付/扣费争议',
  template: '服务/服务态度',
};

const URGENT =
  /骗|报警|起诉|律师|人身|安全隐患|315|fraud|lawyer|stolen|compromised|unauthori[sz]ed|police|scam/i;
const SERIOUS =
  /退款|转账|扣|没收到|未收到|投诉|坏了|无法|不能用|假货|漏水|差评|lost|refund|charged|failed|declined|missing|never received|cancel|stranded|broken|damaged/i;
const QUESTION = /[?？]|吗|怎么|如何|能否|how (do|can)|can i|is it possible/i;
const TECH = /死机|卡顿|闪退|系统|软件|app|passcode|\bpin\b|verif|log ?in|password|top.?up|bug|crash/i;
const PRE_SALES =
  /预订|购买前|有没有货|价格|book|reservation|exchange rate|which card|support(ed)? (currenc|countr)|age limit|order .*card/i;

function tagsFor(sample: SampleText): DemoTag[] {
  if (sample.source === 'template') {
    return DEMO_TAG_PATHS.includes(sample.topic as DemoTag) ? [sample.topic as DemoTag] : [];
  }
  const tags = new Set<DemoTag>();
  const reason = AIRLINE_REASON_TAGS[sample.topic];
  if (sample.source === 'airline' && reason) tags.add(reason);
  if (sample.sentiment === 'positive') tags.add('表扬/服务好');
  for (const [pattern, tag] of TAG_RULES) {
    if (tags.size >= 2) break;
    if (pattern.test(sample.text)) tags.add(tag);
  }
  if (tags.size === 0) tags.add(SOURCE_DEFAULT_TAGS[sample.source]);
  return [...tags];
}

function natureFor(sample: SampleText, tags: readonly DemoTag[]): Nature {
  if (sample.sentiment === 'positive') return 'praise';
  if (tags.includes('产品/功能建议')) return 'suggestion';
  if (sample.sentiment === 'negative') return 'complaint';
  if (QUESTION.test(sample.text)) return 'inquiry';
  return /failed|declined|not received|wrong|lost|stolen|charged|compromised|reverted/.test(sample.topic)
    ? 'complaint'
    : 'inquiry';
}

/** Derives nature, business area, priority, tags and product from a sample text and its data-set labels. */
export function classifySample(sample: SampleText): SampleTraits {
  const tags = tagsFor(sample);
  const nature = natureFor(sample, tags);
  const businessArea: DemoBusinessArea = TECH.test(sample.text)
    ? 'tech_support'
    : PRE_SALES.test(sample.text) || (nature === 'inquiry' && QUESTION.test(sample.text))
      ? 'pre_sales'
      : 'after_sales';
  let priority: Priority = 'normal';
  if (nature === 'suggestion') priority = 'suggestion';
  else if (nature === 'complaint')
    priority = URGENT.test(sample.text) ? 'urgent' : SERIOUS.test(sample.text) ? 'high' : 'normal';
  return { nature, businessArea, priority, tags, product: productFor(sample) };
}

function productFor(sample: SampleText): string | null {
  switch (sample.source) {
    case 'online_shopping':
      return sample.topic || null;
    case 'waimai':
      return '外卖';
    case 'hotel':
      return '酒店';
    case 'banking77':
      return 'Mobile banking';
    case 'cfpb':
      return 'Consumer loans';
    case 'airline':
      return 'Air travel';
    default:
      return null;
  }
}
