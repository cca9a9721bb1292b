import type { CreateCannedResponse } from '../../shared/contracts/canned.js';
import { createCanned } from '../modules/canned/index.js';
import { SYSTEM_ACTOR } from '../platform/auth/actor.js';
import type { Db } from '../platform/db/database.js';
import type { DemoDepartmentCode } from './demo-org.js';

/** Bilingual demo canned responses: three for everyone, one for the complaints department. */
const RESPONSES: (Omit<CreateCannedResponse, 'departmentId'> & { department?: DemoDepartmentCode })[] = [
  {
    titleZh: '受理确认',
    titleEn: 'Acknowledgement',
    bodyZh:
      '{{customer.name}}您好！您的反馈已受理，工单号 {{ticket.number}}。我们预计在 {{ticket.expectedResolution}} 前给您答复，如有进展会第一时间告知。\n{{department.name}} {{agent.name}}',
    bodyEn:
      'Dear {{customer.name}}, we have received your feedback under ticket {{ticket.number}}. We expect to get back to you by {{ticket.expectedResolution}} and will keep you posted.\n{{agent.name}}, {{department.name}}',
  },
  {
    titleZh: '进展通报',
    titleEn: 'Progress update',
    bodyZh:
      '{{customer.name}}您好，关于工单 {{ticket.number}}（{{ticket.subject}}），目前状态为「{{ticket.status}}」，我们仍在跟进，预计完成时间 {{ticket.expectedResolution}}。',
    bodyEn:
      'Dear {{customer.name}}, an update on ticket {{ticket.number}} ({{ticket.subject}}): it is {{ticket.status}} and we are still on it; expected completion {{ticket.expectedResolution}}.',
  },
  {
    titleZh: '补充信息请求',
    titleEn: 'Request for details',
    bodyZh:
      '{{customer.name}}您好，为尽快处理工单 {{ticket.number}}，请回复提供订单号、相关截图及方便联系的时间。谢谢！\n{{agent.name}}',
    bodyEn:
      'Dear {{customer.name}}, to handle ticket {{ticket.number}} quickly, please reply with your order number, any screenshots and a good time to reach you. Thank you!\n{{agent.name}}',
  },
  {
    titleZh: '投诉致歉',
    titleEn: 'Apology for a complaint',
    department: 'complaints',
    bodyZh:
      '{{customer.name}}您好，对于给您带来的不便我们深表歉意。您的投诉（工单 {{ticket.number}}）已由投诉专员{{agent.name}}专门跟进，{{ticket.expectedResolution}} 前会给您处理结果。',
    bodyEn:
      'Dear {{customer.name}}, we are sorry for the trouble. Your complaint (ticket {{ticket.number}}) is now followed by {{agent.name}} of our complaints team; you will have our answer by {{ticket.expectedResolution}}.',
  },
];

export async function seedDemoCanned(
  db: Db,
  departments: ReadonlyMap<DemoDepartmentCode, string>,
  at: string,
): Promise<number> {
  for (const { department, ...input } of RESPONSES) {
    await createCanned(db, {
      actor: SYSTEM_ACTOR,
      at,
      ip: null,
      input: { ...input, departmentId: department ? (departments.get(department) ?? null) : null },
    });
  }
  return RESPONSES.length;
}
