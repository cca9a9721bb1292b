import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path.js';
import { applyMapping, MappingFailure } from './mapping.js';

describe('webhook JSON paths', () => {
  it('parses names, indexes and quoted keys', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.message.text')).toEqual(['message', 'text']);
    expect(parseJsonPath("$.entries[0]['sender name'].phone")).toEqual([
      'entries',
      0,
      'sender name',
      'phone',
    ]);
  });

  it('refuses anything else', () => {
    for (const bad of [
      'message.text',
      '$..text',
      '$.a[*]',
      '$.a[?(@.b)]',
      '$.a.',
      '$[-1]',
      `$${'.a'.repeat(17)}`,
    ])
      expect(() => parseJsonPath(bad), bad).toThrow(/JSON path/);
  });

  it('reads own properties only', () => {
    const doc = JSON.parse('{"a":{"b":[{"c":1}]},"__proto__x":2}');
    expect(readJsonPath(doc, ['a', 'b', 0, 'c'])).toBe(1);
    expect(readJsonPath(doc, ['a', 'b', 1, 'c'])).toBeUndefined();
    expect(readJsonPath(doc, ['a', 'constructor'])).toBeUndefined();
    expect(readJsonPath(doc, ['a', 'toString'])).toBeUndefined();
    expect(readJsonPath(doc, ['a', 'b', 'length'])).toBeUndefined();
  });

  it('maps a payload and names the field and path that failed', () => {
    const mapped = applyMapping(
      { m: { t: ' hi ', at: 1763884800, from: '13812345678' } },
      { description: '$.m.t', occurredAt: '$.m.at', 'customer.phone': '$.m.from', sourceId: '$.m.id' },
    );
    expect(mapped).toEqual({
      input: {
        description: 'hi',
        occurredAt: '2025-11-23T08:00:00.000Z',
        customer: { phone: '+8613812345678' },
      },
      sourceId: null,
    });
    try {
      applyMapping({ m: { t: 'x', from: 'abc' } }, { description: '$.m.t', 'customer.phone': '$.m.from' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingFailure);
      expect(e).toMatchObject({ field: 'customer.phone', path: '$.m.from', reason: 'invalid_phone' });
    }
    expect(() => applyMapping({ m: { t: { x: 1 } } }, { description: '$.m.t' })).toThrow(/not_text/);
  });
});
