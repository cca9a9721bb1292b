import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';
import { formatMessage } from './messages.js';

describe('pickLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR,zh-CN;q=0.5,en;q=0.4', 'zh-CN'],
    ['en;q=0.2,zh;q=0.9', 'zh-CN'],
    ['de, fr', 'en'],
    ['zh;q=0', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});

describe('formatMessage', () => {
  it('fills parameters in both languages', () => {
    expect(formatMessage('invalid_transition', 'en', { from: 'closed', to: 'in_progress' })).toBe(
      'A ticket in status "closed" cannot move to "in progress".',
    );
    expect(formatMessage('invalid_transition', 'zh-CN', { from: 'closed', to: 'in_progress' })).toBe(
      '工单当前状态为"已闭环"，不能变更为"处理中"。',
    );
    expect(formatMessage('feedback_not_found', 'zh-CN', { from: 'x' })).toBe('未找到该反馈工单。');
  });
});
