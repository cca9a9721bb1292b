import {
  MESSAGE_TEMPLATE_VARIABLES,
  type MessageTemplate,
} from '../../../shared/contracts/message-templates.js';
import type { TemplateKey } from './commands/manage-templates.js';
import { defaultTemplate } from './messages.js';
import type { MessageTemplateRow } from './templates.repository.js';

export function presentTemplate(key: TemplateKey, row: MessageTemplateRow | undefined): MessageTemplate {
  const def = defaultTemplate(key.kind, key.channel, key.locale);
  return {
    ...key,
    subject: row ? row.subject : def.subject,
    body: row ? row.body : def.body,
    isDefault: row === undefined,
    default: def,
    variables: [...MESSAGE_TEMPLATE_VARIABLES[key.kind]],
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}
