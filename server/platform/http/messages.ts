import type { Locale } from '../../../shared/enums.js';

type Catalog = Record<string, Record<Locale, string>>;

/** Error messages by code, in both languages. `{name}` placeholders are filled from the error's params. */
export const ERROR_MESSAGES = {
  validation_failed: { en: 'The request is not valid.', 'zh-CN': '请求内容不合法。' },
  invalid_json: { en: 'The request body is not valid JSON.', 'zh-CN': '请求体不是合法的 JSON。' },
  invalid_utf8: { en: 'The request body is not valid UTF-8.', 'zh-CN': '请求体不是合法的 UTF-8 编码。' },
  body_too_large: {
    en: 'The request body is larger than {limit} bytes.',
    'zh-CN': '请求体超过了 {limit} 字节的上限。',
  },
  unsupported_media_type: {
    en: 'Content type "{type}" is not supported; send application/json.',
    'zh-CN': '不支持内容类型 "{type}"，请使用 application/json。',
  },
  empty_body: { en: 'The request body is empty.', 'zh-CN': '请求体为空。' },
  not_found: { en: 'Not found.', 'zh-CN': '未找到。' },
  route_not_found: { en: 'No such endpoint: {method} {url}.', 'zh-CN': '接口不存在：{method} {url}。' },
  feedback_not_found: { en: 'Feedback item not found.', 'zh-CN': '未找到该反馈工单。' },
  customer_not_found: { en: 'Customer not found.', 'zh-CN': '未找到该客户。' },
  user_not_found: { en: 'User not found.', 'zh-CN': '未找到该用户。' },
  department_not_found: { en: 'Department not found.', 'zh-CN': '未找到该部门。' },
  api_key_not_found: { en: 'API key not found.', 'zh-CN': '未找到该 API 密钥。' },
  unauthenticated: { en: 'Please log in first.', 'zh-CN': '请先登录。' },
  invalid_credentials: { en: 'Wrong email or password.', 'zh-CN': '邮箱或密码错误。' },
  invalid_api_key: { en: 'The API key is not valid.', 'zh-CN': 'API 密钥无效。' },
  csrf_invalid: {
    en: 'Missing or invalid CSRF token; reload the page and try again.',
    'zh-CN': 'CSRF 令牌缺失或无效，请刷新页面后重试。',
  },
  forbidden: { en: 'You are not allowed to do this.', 'zh-CN': '您没有执行此操作的权限。' },
  invalid_transition: {
    en: 'A ticket in status "{from:status}" cannot move to "{to:status}".',
    'zh-CN': '工单当前状态为"{from:status}"，不能变更为"{to:status}"。',
  },
  closure_required: {
    en: 'Resolving requires a closure letter: root cause, remedy and prevention.',
    'zh-CN': '解决工单需要填写结案书：问题原因、补救措施和预防措施。',
  },
  idempotency_key_reused: {
    en: 'This Idempotency-Key was already used with a different request body.',
    'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求。',
  },
  idempotency_key_invalid: {
    en: 'Idempotency-Key must be 1–255 visible ASCII characters.',
    'zh-CN': 'Idempotency-Key 必须为 1 到 255 个可见 ASCII 字符。',
  },
  conflict: { en: 'The request conflicts with the current state.', 'zh-CN': '请求与当前状态冲突。' },
  email_taken: { en: 'This email address is already in use.', 'zh-CN': '该邮箱地址已被使用。' },
  identity_taken: {
    en: 'This {kind} already belongs to another customer.',
    'zh-CN': '该联系方式（{kind}）已属于另一位客户。',
  },
  identity_not_found: { en: 'Customer identity not found.', 'zh-CN': '未找到该客户联系方式。' },
  invalid_email: { en: 'The email address is not valid.', 'zh-CN': '邮箱地址格式不正确。' },
  invalid_phone: { en: 'The phone number is not valid.', 'zh-CN': '电话号码格式不正确。' },
  invalid_external_id: {
    en: 'The external id is not valid; use "system:id".',
    'zh-CN': '外部编号格式不正确，请使用"系统:编号"格式。',
  },
  customer_erased: {
    en: "This customer's personal data was erased; the profile can no longer be changed.",
    'zh-CN': '该客户的个人信息已被删除，无法再修改其资料。',
  },
  triage_rule_not_found: { en: 'Triage rule not found.', 'zh-CN': '未找到该分拣规则。' },
  triage_rule_department_invalid: {
    en: 'The rule names a department that does not exist.',
    'zh-CN': '规则指定的部门不存在。',
  },
  department_code_taken: { en: 'This department code is already in use.', 'zh-CN': '该部门编码已被使用。' },
  department_in_use: {
    en: 'The department still has users or tickets.',
    'zh-CN': '该部门下仍有用户或工单，无法删除。',
  },
  business_area_not_found: { en: 'Business area not found.', 'zh-CN': '未找到该业务分类。' },
  business_area_code_taken: {
    en: 'This business area code is already in use.',
    'zh-CN': '该业务分类编码已被使用。',
  },
  business_area_in_use: {
    en: 'The business area is still used ({departments} departments, {feedback} tickets, {rules} triage rules); deactivate it instead.',
    'zh-CN':
      '该业务分类仍在使用中（{departments} 个部门、{feedback} 个工单、{rules} 条分诊规则），请改为停用。',
  },
  business_area_unknown: {
    en: 'Unknown business area "{code}"; choose one from the business-area list.',
    'zh-CN': '业务分类“{code}”不存在，请从业务分类列表中选择。',
  },
  business_area_inactive: {
    en: 'The business area "{code}" is deactivated and cannot be chosen.',
    'zh-CN': '业务分类“{code}”已停用，不能再选择。',
  },
  tag_not_found: { en: 'Tag not found.', 'zh-CN': '未找到该标签。' },
  tag_in_use: {
    en: 'The tag is used by {count} tickets and cannot be deleted.',
    'zh-CN': '该标签正被 {count} 个工单使用，无法删除。',
  },
  tag_has_children: {
    en: 'The tag has child tags; delete them first.',
    'zh-CN': '该标签下还有子标签，请先删除子标签。',
  },
  contact_required: {
    en: 'A customer contact (email or phone) or a customer id is required.',
    'zh-CN': '需要提供客户联系方式（邮箱或电话）或客户编号。',
  },
  invalid_cursor: { en: 'The pagination cursor is not valid.', 'zh-CN': '分页游标无效。' },
  tracking_code_invalid: {
    en: 'The ticket number or the code is not right. Check both, or ask for a new code.',
    'zh-CN': '工单号或验证码不正确，请核对后重试，或重新获取验证码。',
  },
  tracking_code_expired: {
    en: 'This code has expired; ask for a new one.',
    'zh-CN': '验证码已过期，请重新获取。',
  },
  tracking_attempts_exceeded: {
    en: 'Too many wrong codes; ask for a new code.',
    'zh-CN': '验证码错误次数过多，请重新获取验证码。',
  },
  tracking_session_invalid: {
    en: 'Your access to this ticket has expired or is not valid; verify again with a new code.',
    'zh-CN': '查询凭证已过期或无效，请重新获取验证码验证。',
  },
  rating_not_open: {
    en: 'This ticket is not waiting for your confirmation, so it cannot be rated now.',
    'zh-CN': '该工单当前不在待您确认的状态，暂时无法评价。',
  },
  rating_already_given: {
    en: 'You have already rated this resolution. Thank you!',
    'zh-CN': '您已评价过本次处理结果，感谢您的反馈！',
  },
  rating_link_invalid: {
    en: 'This rating link is not valid. Please use the link from our latest email, or the tracking page.',
    'zh-CN': '该评价链接无效。请使用我们最近一封邮件中的链接，或通过查询页面评价。',
  },
  rating_link_expired: {
    en: 'This rating link has expired. You can still follow your ticket on the tracking page.',
    'zh-CN': '该评价链接已过期。您仍可通过查询页面查看工单进度。',
  },
  rating_link_superseded: {
    en: 'This link belongs to an earlier resolution of the ticket; please use the link from our latest email.',
    'zh-CN': '该链接对应的是此前的一次处理结果，请使用我们最近一封邮件中的链接。',
  },
  closure_letter_unavailable: {
    en: 'There is no closure letter yet: the ticket has not been resolved.',
    'zh-CN': '该工单尚未处理完毕，暂无结案书。',
  },
  follow_up_not_found: { en: 'Follow-up visit not found.', 'zh-CN': '未找到该回访任务。' },
  follow_up_already_done: {
    en: 'The outcome of this follow-up visit has already been recorded.',
    'zh-CN': '该回访任务的结果已记录，不能重复提交。',
  },

  survey_score_out_of_range: {
    en: 'The score must be between {min} and {max}.',
    'zh-CN': '评分必须在 {min} 到 {max} 之间。',
  },
  rate_limited: {
    en: 'Too many requests; retry in {after}.',
    'zh-CN': '请求过于频繁，请在 {after} 后重试。',
  },
  merge_target_invalid: {
    en: 'A ticket cannot be merged into itself or into a merged ticket.',
    'zh-CN': '工单不能合并到自身或已被合并的工单。',
  },
  feedback_merged: {
    en: 'This ticket was merged into another one; continue on that ticket.',
    'zh-CN': '该工单已合并到另一工单，请在目标工单上继续处理。',
  },
  priority_reason_required: {
    en: 'Changing the priority requires a reason.',
    'zh-CN': '修改优先级需要填写原因。',
  },
  sla_calendar_not_found: { en: 'SLA calendar not found.', 'zh-CN': '未找到该 SLA 工作日历。' },
  sla_calendar_day_not_found: {
    en: 'This date has no holiday or make-up working day in the calendar.',
    'zh-CN': '该日历中此日期没有节假日或调休上班设置。',
  },
  sla_calendar_code_taken: {
    en: 'A calendar with this code already exists.',
    'zh-CN': '已存在相同编码的日历。',
  },
  sla_calendar_in_use: {
    en: 'The calendar is the default or used by a policy and cannot be deleted.',
    'zh-CN': '该日历是默认日历或正被 SLA 策略使用，不能删除。',
  },
  sla_invalid_hours: {
    en: 'Working hours must be non-overlapping HH:MM intervals, with some working time in the week.',
    'zh-CN': '工作时间必须是互不重叠的 HH:MM 时段，且每周至少有一段工作时间。',
  },
  sla_invalid_time_zone: { en: 'Unknown time zone "{timeZone}".', 'zh-CN': '未知的时区"{timeZone}"。' },
  invalid_time_zone: { en: 'Unknown time zone "{timeZone}".', 'zh-CN': '未知的时区"{timeZone}"。' },
  sla_policy_not_found: { en: 'SLA policy not found.', 'zh-CN': '未找到该 SLA 策略。' },
  sla_policy_exists: {
    en: 'A policy for this priority and nature already exists.',
    'zh-CN': '该优先级与性质的 SLA 策略已存在。',
  },
  sla_fallback_policy_required: {
    en: "A priority's general policy cannot be deleted; change it instead.",
    'zh-CN': '优先级的通用 SLA 策略不能删除，请直接修改。',
  },
  sla_no_policy: { en: 'No SLA policy applies to this ticket.', 'zh-CN': '该工单没有适用的 SLA 策略。' },
  sla_not_pausable: {
    en: "This ticket's SLA policy does not allow pausing.",
    'zh-CN': '该工单的 SLA 策略不允许暂停计时。',
  },
  sla_not_running: { en: 'No SLA clock of this ticket is running.', 'zh-CN': '该工单没有正在计时的 SLA。' },
  sla_not_paused: {
    en: 'The SLA clocks of this ticket are not paused.',
    'zh-CN': '该工单的 SLA 计时未暂停。',
  },
  notification_not_found: { en: 'Notification not found.', 'zh-CN': '未找到该通知。' },
  consent_required: {
    en: 'Please agree to the processing of your personal data to submit feedback.',
    'zh-CN': '提交反馈前，请先同意我们处理您的个人信息。',
  },
  captcha_failed: {
    en: 'The CAPTCHA check failed; please try again.',
    'zh-CN': '人机验证未通过，请重试。',
  },
  signature_invalid: {
    en: 'The request signature is missing or wrong.',
    'zh-CN': '请求签名缺失或不正确。',
  },
  signature_expired: {
    en: 'The request timestamp is missing or outside the allowed window of {tolerance} seconds.',
    'zh-CN': '请求时间戳缺失或超出允许的 {tolerance} 秒时间窗口。',
  },
  mapping_failed: {
    en: 'The payload could not be mapped: {field} from {path} ({reason}).',
    'zh-CN': '无法映射请求内容：字段 {field}（路径 {path}）{reason}。',
  },
  invalid_json_path: {
    en: 'Invalid JSON path "{path}"; use e.g. $.message.text or $.items[0].id.',
    'zh-CN': 'JSON 路径 "{path}" 不合法，示例：$.message.text 或 $.items[0].id。',
  },
  intake_source_not_found: { en: 'Intake source not found.', 'zh-CN': '未找到该接入来源。' },
  intake_source_slug_taken: {
    en: 'Another intake source already uses this slug.',
    'zh-CN': '该标识（slug）已被其他接入来源使用。',
  },
  import_file_unreadable: {
    en: 'Cannot read the import file {file} ({reason}).',
    'zh-CN': '无法读取导入文件 {file}（{reason}）。',
  },
  import_unknown_format: {
    en: 'Unknown file format for {file}: import takes CSV (UTF-8 or GBK) or XLSX.',
    'zh-CN': '无法识别文件 {file} 的格式：仅支持 CSV（UTF-8 或 GBK 编码）或 XLSX。',
  },
  unknown_import_field: {
    en: 'Unknown record field "{field}" in the column mapping; fields are: {fields}.',
    'zh-CN': '列映射中的字段 "{field}" 不存在；可用字段：{fields}。',
  },
  invalid_import_mapping: {
    en: 'Column mapping "{part}" is not of the form header=field.',
    'zh-CN': '列映射 "{part}" 格式不正确，应为 列名=字段。',
  },
  import_column_missing: {
    en: 'The header row has no column "{column}".',
    'zh-CN': '表头中没有 "{column}" 列。',
  },
  import_not_found: { en: 'Import not found.', 'zh-CN': '未找到该导入任务。' },
  webhook_not_found: { en: 'Webhook subscription not found.', 'zh-CN': '未找到该 Webhook 订阅。' },
  webhook_delivery_not_found: { en: 'Webhook delivery not found.', 'zh-CN': '未找到该 Webhook 投递记录。' },
  webhook_destination_forbidden: {
    en: 'This webhook destination is not allowed: use an http(s) URL without credentials whose host does not resolve to a loopback, private or other internal address.',
    'zh-CN':
      '不允许使用该 Webhook 目标地址：须为不含账号密码的 http(s) 地址，且主机不能解析到回环、内网或其他内部地址。',
  },
  attachment_too_large: {
    en: 'The file is larger than {limit} bytes; nothing was stored.',
    'zh-CN': '文件超过了 {limit} 字节的上限，未保存任何内容。',
  },
  attachment_type_not_allowed: {
    en: 'Files of this type ({type}) are not accepted: send images, PDF, Office documents, text, CSV, ZIP, audio or MP4.',
    'zh-CN': '不接受此类型的文件（{type}）：请上传图片、PDF、Office 文档、文本、CSV、ZIP、音频或 MP4。',
  },
  attachment_empty: { en: 'The file is empty.', 'zh-CN': '文件为空。' },
  attachment_count_exceeded: {
    en: 'At most {max} files may be attached at once.',
    'zh-CN': '一次最多只能附加 {max} 个文件。',
  },
  attachment_token_invalid: {
    en: 'Unknown upload token: upload the file first.',
    'zh-CN': '上传凭证无效：请先上传文件。',
  },
  attachment_token_expired: {
    en: 'The upload token has expired: upload the file again.',
    'zh-CN': '上传凭证已过期：请重新上传文件。',
  },
  attachment_token_used: {
    en: 'This upload token was already used.',
    'zh-CN': '该上传凭证已被使用。',
  },
  attachment_not_found: { en: 'Attachment not found.', 'zh-CN': '未找到该附件。' },
  feedback_link_not_found: { en: 'These items are not linked.', 'zh-CN': '这两个工单之间没有关联。' },
  feedback_link_self: {
    en: 'An item cannot be linked to itself.',
    'zh-CN': '工单不能与自身关联。',
  },
  canned_response_not_found: { en: 'Canned response not found.', 'zh-CN': '未找到该快捷回复。' },
  message_template_not_found: {
    en: 'There is no such message template (the mail acknowledgement is sent by email only).',
    'zh-CN': '没有该消息模板（邮件回执只通过邮件发送）。',
  },
  message_template_subject_invalid: {
    en: 'An email template needs a subject; an SMS template has none.',
    'zh-CN': '邮件模板必须填写主题，短信模板没有主题。',
  },
  message_template_variable_unknown: {
    en: 'Unknown variables in the template: {names}. Allowed here: {allowed}.',
    'zh-CN': '模板中有未知变量：{names}。此处可用的变量：{allowed}。',
  },
  canned_action_invalid: {
    en: 'A canned response needs at least one action when actions are given.',
    'zh-CN': '设置了快捷操作时，至少需要一项操作。',
  },
  canned_variable_unknown: {
    en: 'Unknown variable "{{{name}}}" in the text; see the list of variables.',
    'zh-CN': '文本中的变量"{{{name}}}"不存在，请查看可用变量列表。',
  },
  subtask_not_found: { en: 'Sub-task not found.', 'zh-CN': '未找到该协办任务。' },
  subtask_same_department: {
    en: 'A sub-task is for another department; this item already belongs to that department.',
    'zh-CN': '协办任务只能交给其他部门，该工单已属于此部门。',
  },
  subtask_assignee_invalid: {
    en: 'The assignee must be an active user of the sub-task’s department.',
    'zh-CN': '处理人必须是该协办部门的在职用户。',
  },
  subtask_closed: {
    en: 'This sub-task is already done or cancelled.',
    'zh-CN': '该协办任务已完成或已取消，不能再修改。',
  },
  subtask_parent_closed: {
    en: 'Closed or merged items cannot get new sub-tasks.',
    'zh-CN': '已闭环或已合并的工单不能再创建协办任务。',
  },
  mailbox_not_found: { en: 'Mailbox not found.', 'zh-CN': '未找到该邮箱。' },
  mailbox_poll_failed: {
    en: 'Could not fetch mail from the mailbox: {reason}',
    'zh-CN': '无法从该邮箱收取邮件：{reason}',
  },
  service_unavailable: { en: 'The service is not ready.', 'zh-CN': '服务尚未就绪。' },
  internal_error: {
    en: 'Something went wrong on our side; nothing was changed.',
    'zh-CN': '服务器内部错误，未做任何更改。',
  },
} satisfies Catalog;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Labels of the status codes of tickets and sub-tasks, for `{name:status}` placeholders. */
const STATUS_LABELS: Record<string, Record<Locale, string>> = {
  received: { en: 'received', 'zh-CN': '已受理' },
  in_progress: { en: 'in progress', 'zh-CN': '处理中' },
  resolved: { en: 'resolved', 'zh-CN': '已解决' },
  closed: { en: 'closed', 'zh-CN': '已闭环' },
  reopened: { en: 'reopened', 'zh-CN': '已重开' },
  merged: { en: 'merged', 'zh-CN': '已合并' },
  open: { en: 'open', 'zh-CN': '待处理' },
  done: { en: 'done', 'zh-CN': '已完成' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
};

/** Fills `{name}` with the parameter as it is and `{name:status}` with the status's label in the language. */
export function formatMessage(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  const template = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)(?::(status))?\}/g, (whole, name: string, kind?: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return kind === 'status' ? (STATUS_LABELS[value]?.[locale] ?? value) : value;
  });
}
