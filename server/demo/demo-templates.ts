import type { SentimentLabel } from '../../shared/enums.js';
import type { DemoTag } from './demo-tags.js';
import type { SampleLanguage, SampleText } from './sample-texts.js';

interface Template {
  tag: DemoTag;
  sentiment: SentimentLabel;
  zh: string;
  en: string;
}

// Written for Closeloop's demo data; used when ../shared/data is not present.
const TEMPLATES: readonly Template[] = [
  {
    tag: '服务/排队时间',
    sentiment: 'negative',
    zh: '周六上午去门店办理业务，取号后足足等了一个半小时才轮到我，窗口只开了两个。',
    en: 'I went to the branch on Saturday morning and waited an hour and a half after taking a number; only two counters were open.',
  },
  {
    tag: '服务/排队时间',
    sentiment: 'negative',
    zh: '热线电话一直提示排队中，前面还有二十多位，挂断重拨三次都没接通人工。',
    en: 'The hotline kept saying I was in a queue with more than twenty callers ahead; I redialled three times and never reached a person.',
  },
  {
    tag: '服务/服务态度',
    sentiment: 'negative',
    zh: '客服说话很不耐烦，我还没说完就被打断，最后直接让我自己去官网查。',
    en: 'The agent was impatient, cut me off before I finished and in the end just told me to look it up on the website.',
  },
  {
    tag: '服务/响应慢',
    sentiment: 'negative',
    zh: '上周在线提交的问题到现在都没有任何回复，请问有人在处理吗？',
    en: 'I submitted my question online last week and still have no reply at all. Is anyone working on it?',
  },
  {
    tag: '产品/功能缺陷',
    sentiment: 'negative',
    zh: '升级到最新版本后，App 一打开订单页面就闪退，重装了也没用。',
    en: 'Since updating to the latest version the app crashes whenever I open the orders page; reinstalling did not help.',
  },
  {
    tag: '产品/功能缺陷',
    sentiment: 'negative',
    zh: '导出报表时一直提示“系统繁忙”，换了浏览器也一样，月底对账很着急。',
    en: 'Exporting the report always fails with "system busy", in every browser I tried, and I need it for month-end reconciliation.',
  },
  {
    tag: '产品/UI问题',
    sentiment: 'neutral',
    zh: '新版首页的字体太小了，老人用起来很吃力，能不能加一个大字模式？',
    en: 'The font on the new home page is too small for older users. Could you add a large-text mode?',
  },
  {
    tag: '产品/UI问题',
    sentiment: 'negative',
    zh: '支付按钮在小屏手机上被底部菜单挡住了，要横屏才能点到。',
    en: 'On small phones the pay button is hidden behind the bottom menu; I have to rotate the screen to tap it.',
  },
  {
    tag: '产品/质量问题',
    sentiment: 'negative',
    zh: '刚买一周的电水壶底座就开始漏水，做工明显有问题，要求换货。',
    en: 'The kettle I bought a week ago already leaks from the base. The build quality is clearly poor and I want a replacement.',
  },
  {
    tag: '产品/功能建议',
    sentiment: 'neutral',
    zh: '建议在订单详情里显示预计送达时间段，这样我可以提前安排家里有人收货。',
    en: 'Please show the expected delivery window on the order page so I can make sure someone is home to receive it.',
  },
  {
    tag: '产品/功能建议',
    sentiment: 'neutral',
    zh: '希望可以支持按月导出电子发票，每次一张张下载太麻烦了。',
    en: 'It would be nice to export all e-invoices for a month at once; downloading them one by one is tedious.',
  },
  {
    tag: '物流/配送延迟',
    sentiment: 'negative',
    zh: '订单显示三天前就已发货，可物流信息一直停在中转站没有更新。',
    en: 'The order says it shipped three days ago, but tracking has been stuck at the sorting centre ever since.',
  },
  {
    tag: '物流/配送延迟',
    sentiment: 'negative',
    zh: '承诺次日达，结果第四天才收到，生日礼物都错过了。',
    en: 'Next-day delivery was promised but the parcel arrived on the fourth day, after the birthday it was meant for.',
  },
  {
    tag: '物流/包装破损',
    sentiment: 'negative',
    zh: '收到的箱子被压扁了，里面两个杯子都碎了，快递员让我找商家。',
    en: 'The box arrived crushed and two of the glasses inside were broken; the courier told me to contact the seller.',
  },
  {
    tag: '支付/转账失败',
    sentiment: 'negative',
    zh: '给家人转账显示失败，但是卡里的钱已经扣了，到现在也没退回来。',
    en: 'My transfer to a family member failed, yet the money left my account and has not come back.',
  },
  {
    tag: '支付/转账失败',
    sentiment: 'negative',
    zh: '跨行转账提示“交易处理中”已经两天了，对方一直没收到款。',
    en: 'An interbank transfer has shown "processing" for two days and the recipient still has not received it.',
  },
  {
    tag: '支付/扣费争议',
    sentiment: 'negative',
    zh: '账单里多了一笔我从没开通过的会员费，请查明原因并退还。',
    en: 'My statement shows a membership fee for a service I never signed up for. Please explain and refund it.',
  },
  {
    tag: '支付/退款',
    sentiment: 'negative',
    zh: '退货已经签收一周了，退款还是显示审核中，什么时候能到账？',
    en: 'The returned item was received a week ago but the refund still says under review. When will I get my money?',
  },
  {
    tag: '账户/登录问题',
    sentiment: 'negative',
    zh: '换了手机号以后收不到验证码，账号登不上去，人工客服也联系不上。',
    en: 'After changing my phone number I no longer get the verification code, so I cannot log in, and I cannot reach an agent.',
  },
  {
    tag: '账户/银行卡',
    sentiment: 'neutral',
    zh: '新申请的银行卡什么时候能寄到？可以查一下邮寄进度吗？',
    en: 'When will my new card arrive? Can you check where it is in the post?',
  },
  {
    tag: '住宿/房间设施',
    sentiment: 'negative',
    zh: '房间空调制冷效果很差，晚上热得睡不着，前台说没有空房可以换。',
    en: 'The air conditioning in the room barely cooled, it was too hot to sleep, and reception said there was no other room.',
  },
  {
    tag: '餐饮/口味',
    sentiment: 'negative',
    zh: '这次的菜明显比以前咸很多，而且送到的时候已经凉了。',
    en: 'The dishes were much saltier than usual this time and they were already cold when they arrived.',
  },
  {
    tag: '表扬/服务好',
    sentiment: 'positive',
    zh: '上门安装的师傅很专业，还主动帮我检查了旧线路，必须点赞！',
    en: 'The installer who came to my home was very professional and even checked my old wiring unasked. Great job!',
  },
  {
    tag: '表扬/服务好',
    sentiment: 'positive',
    zh: '客服小王耐心地帮我一步步操作，十分钟就把问题解决了，谢谢！',
    en: 'Your agent patiently walked me through every step and fixed the problem in ten minutes. Thank you!',
  },
];

/** The hand-written templates as sample texts in the requested language(s). */
export function templateSamples(languages: readonly SampleLanguage[] = ['zh', 'en']): SampleText[] {
  return TEMPLATES.flatMap((t) =>
    languages.map((language) => ({
      text: language === 'zh' ? t.zh : t.en,
      language,
      source: 'template' as const,
      sentiment: t.sentiment,
      topic: t.tag,
    })),
  );
}

type Bilingual = { zh: string; en: string };

export const AGENT_REPLIES: readonly Bilingual[] = [
  {
    zh: '您好，非常抱歉给您带来不便，我们已收到您的反馈，正在核实情况，今天内给您答复。',
    en: 'Hello, we are sorry for the trouble. We have received your feedback, are checking the details and will reply today.',
  },
  {
    zh: '感谢您的耐心等待，相关部门已经介入处理，有进展会第一时间通知您。',
    en: 'Thank you for your patience. The responsible team is now on it and we will update you as soon as there is progress.',
  },
  {
    zh: '为了尽快处理，麻烦您提供一下订单号和问题截图，谢谢配合。',
    en: 'To speed things up, could you send us the order number and a screenshot of the problem? Thank you.',
  },
  {
    zh: '问题已经处理完毕，请您再试一下，如仍有问题请随时联系我们。',
    en: 'This has now been fixed. Please try again and let us know if anything is still wrong.',
  },
];

export const INTERNAL_NOTES: readonly Bilingual[] = [
  { zh: '已联系仓库核实，预计明天补发。', en: 'Checked with the warehouse; a replacement ships tomorrow.' },
  {
    zh: '同类问题本周第三次出现，建议提交产品组排查。',
    en: 'Third case like this this week; suggest the product team investigates.',
  },
  {
    zh: 'VIP 客户，请优先跟进并在下班前回电。',
    en: 'VIP customer: follow up first and call back before end of day.',
  },
  {
    zh: '已与支付渠道确认，款项在途，T+1 到账。',
    en: 'Confirmed with the payment provider: funds in transit, arriving next business day.',
  },
];

export const CLOSURE_LETTERS: readonly { rootCause: Bilingual; remedy: Bilingual; prevention: Bilingual }[] =
  [
    {
      rootCause: {
        zh: '物流中转站系统故障导致包裹滞留。',
        en: 'A system fault at the sorting centre held the parcel back.',
      },
      remedy: {
        zh: '已加急补发并赠送 20 元优惠券。',
        en: 'Re-shipped by express and issued a 20 yuan voucher.',
      },
      prevention: {
        zh: '与承运商约定滞留超过 24 小时自动预警。',
        en: 'Agreed with the carrier on an automatic alert when a parcel is held over 24 hours.',
      },
    },
    {
      rootCause: {
        zh: '新版本在部分机型上存在兼容性缺陷。',
        en: 'The new release had a compatibility defect on some phone models.',
      },
      remedy: {
        zh: '已发布修复版本并协助客户完成升级。',
        en: 'Published a fixed release and helped the customer upgrade.',
      },
      prevention: {
        zh: '发布前增加主流机型的回归测试。',
        en: 'Added regression tests on popular phone models before each release.',
      },
    },
    {
      rootCause: {
        zh: '支付渠道对账延迟，资金未及时退回。',
        en: 'A reconciliation delay at the payment provider held the refund back.',
      },
      remedy: { zh: '已人工退款并补偿手续费。', en: 'Refunded manually and reimbursed the fee.' },
      prevention: {
        zh: '每日自动核对未完成的退款并提醒负责人。',
        en: 'Daily automatic check of pending refunds with an alert to the owner.',
      },
    },
    {
      rootCause: {
        zh: '高峰时段人手不足，服务规范执行不到位。',
        en: 'Understaffing at peak times and service standards not followed.',
      },
      remedy: {
        zh: '已向客户致歉并安排专人回访。',
        en: 'Apologised to the customer and arranged a personal follow-up call.',
      },
      prevention: {
        zh: '调整排班并开展服务规范培训。',
        en: 'Adjusted shift planning and ran service-standard training.',
      },
    },
  ];

export const CUSTOMER_FOLLOW_UPS: readonly Bilingual[] = [
  { zh: '请问现在处理到哪一步了？我这边还是老样子。', en: 'Any update? Nothing has changed on my side yet.' },
  { zh: '补充一下：问题是从上周五开始出现的。', en: 'To add: the problem started last Friday.' },
  { zh: '好的，谢谢，我等你们的消息。', en: 'OK, thanks. I will wait to hear from you.' },
];

export const LIFECYCLE_REASONS = {
  closed: { zh: '客户确认问题已解决。', en: 'The customer confirmed the issue is resolved.' },
  reopened: {
    zh: '客户反馈问题仍未解决，要求重新处理。',
    en: 'The customer says the problem is not solved and asked us to reopen.',
  },
  triage: { zh: '自动分诊：情感与时限', en: 'Automatic triage: sentiment and SLA due times' },
} as const satisfies Record<string, Bilingual>;
