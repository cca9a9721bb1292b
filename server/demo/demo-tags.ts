/** The demo tag tree: Chinese paths (levels joined by "/") with English labels. */
export const DEMO_TAGS = {
  '服务/排队时间': 'Service/Waiting time',
  '服务/服务态度': 'Service/Staff attitude',
  '服务/响应慢': 'Service/Slow response',
  '产品/功能缺陷': 'Product/Defect',
  '产品/UI问题': 'Product/UI issue',
  '产品/质量问题': 'Product/Quality',
  '产品/功能建议': 'Product/Feature request',
  '物流/配送延迟': 'Logistics/Delivery delay',
  '物流/包装破损': 'Logistics/Damaged package',
  '物流/行李问题': 'Logistics/Baggage',
  '支付/转账失败': 'Payment/Transfer failed',
  '支付/扣费争议': 'Payment/Disputed charge',
  '支付/退款': 'Payment/Refund',
  '账户/登录问题': 'Account/Login',
  '账户/银行卡': 'Account/Card',
  '账户/信用报告': 'Account/Credit report',
  '出行/航班延误': 'Travel/Flight delay',
  '出行/航班取消': 'Travel/Flight cancelled',
  '出行/预订问题': 'Travel/Booking',
  '住宿/房间设施': 'Stay/Room facilities',
  '餐饮/口味': 'Food/Taste',
  '表扬/服务好': 'Praise/Good service',
} as const;

export type DemoTag = keyof typeof DEMO_TAGS;

export const DEMO_TAG_PATHS = Object.keys(DEMO_TAGS) as DemoTag[];
