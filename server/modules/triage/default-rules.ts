import type { CreateRule } from '../../../shared/contracts/triage.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { createRule } from './commands/manage-rules.js';
import { listRuleRows, replaceSkills, upsertSetting } from './triage.repository.js';

/** A starting rule set for a bank / retailer deployment (seed-demo, bench); admins edit it afterwards. */
export const DEFAULT_RULES: CreateRule[] = [
  {
    name: '大额资金投诉 · Large-amount complaint',
    conditions: { amountAtLeast: 50_000, natures: ['complaint'] },
    actions: { priority: 'urgent', tags: ['资金/大额'] },
  },
  {
    name: '电子渠道 → 技术支持 · Digital channels → tech support',
    conditions: {
      keywordsAny: ['刷脸支付', '手机银行', '网银', '小程序', 'face pay', 'mobile banking', 'online banking'],
    },
    actions: { businessArea: 'tech_support', tags: ['渠道/电子银行'] },
  },
  {
    name: '退款退货 → 售后 · Refunds and returns → after-sales',
    conditions: { keywordsAny: ['退款', '退货', '换货', 'refund', 'return', 'exchange'] },
    actions: { businessArea: 'after_sales', tags: ['售后/退款退货'] },
  },
  {
    name: '信用卡 · Credit cards',
    conditions: { keywordsAny: ['信用卡', 'credit card'] },
    actions: { tags: ['产品/信用卡'] },
  },
  {
    name: '社交媒体负面 · Negative on social media',
    conditions: { channels: ['social', 'review', 'app_store'], sentimentLabels: ['negative'] },
    actions: { tags: ['舆情/公开渠道'] },
  },
  {
    name: 'VIP 投诉 · VIP complaint',
    conditions: { customerTiers: ['vip'], natures: ['complaint'] },
    actions: { tags: ['客户/VIP投诉'] },
  },
];

/**
 * Seeds the default rules (when there are none), gives agents their department's business areas as
 * skills, and turns auto-assignment on globally.
 */
export async function seedDefaultTriage(
  db: Db,
  at: string,
  agents: { userId: string; skills: string[] }[],
): Promise<{ rules: number }> {
  let rules = 0;
  if ((await listRuleRows(db)).length === 0) {
    for (const input of DEFAULT_RULES) {
      await createRule({ db, actor: SYSTEM_ACTOR, at, input });
      rules++;
    }
  }
  for (const agent of agents) await replaceSkills(db, agent.userId, agent.skills, at);
  await upsertSetting(db, 'global', true, at);
  return { rules };
}
