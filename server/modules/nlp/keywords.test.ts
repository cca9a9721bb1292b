import { describe, expect, it } from 'vitest';
import { formatEnglishIdf, keywordsOf, parseEnglishIdf } from './keywords.js';

describe('keywords', () => {
  it('round-trips the English IDF table', () => {
    const table = { documents: 10, df: { card: 4, atm: 1 } };
    expect(parseEnglishIdf(formatEnglishIdf(table))).toEqual(table);
  });

  it('ranks rarer English content words first and leaves stop words and negators out', () => {
    const keywords = keywordsOf('the atm did not give me my card , the card is gone', 'en');
    expect(keywords).toContain('atm');
    expect(keywords).toContain('card');
    for (const w of ['the', 'not', 'me', 'my']) expect(keywords).not.toContain(w);
  });

  it('uses jieba TF-IDF for Chinese (with our domain terms) without our stop words', () => {
    const keywords = keywordsOf('我的快递还没有到，快递员态度很差', 'zh');
    expect(keywords).toEqual(expect.arrayContaining(['快递', '快递员', '态度']));
    expect(keywords).not.toContain('的');
    expect(keywords).not.toContain('没有');
  });
});
