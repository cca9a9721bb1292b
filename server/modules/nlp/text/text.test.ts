import { describe, expect, it } from 'vitest';
import { searchTokens } from '../segment.js';
import { enContentWords, enTokens, markNegation } from './en.js';
import { detectLanguage } from './language.js';
import { normalizeForAnalysis } from './normalize.js';
import { enStopWords, zhStopWords } from './resources.js';
import { zhContentWords, zhNegations, zhWords } from './zh.js';

describe('normalizeForAnalysis', () => {
  it('maps full-width letters and digits (NFKC), drops BOMs and zero-width spaces, collapses spaces', () => {
    expect(normalizeForAnalysis('\ufeffＩＰｈｏｎｅ１２\u200b  屏幕 ！')).toBe('iphone12 屏幕 !');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['我的信用卡还没收到', 'zh'],
    ['iPhone 12 屏幕坏了', 'zh'],
    ['APP登录不了', 'zh'],
    ['my card has not arrived', 'en'],
    ['Refund', 'en'],
    ['I love 北京', 'en'],
    ['Je ne suis pas content du service', 'other'],
    ['Das ist nicht gut', 'other'],
    ['カードが届かない', 'other'],
    ['카드가 안 왔어요', 'other'],
    ['Привет, где моя карта', 'other'],
    ['12345 !!!', 'other'],
    ['', 'other'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('English tokens', () => {
  it('lower-cases, expands contractions, masks handles and URLs, keeps emoticons', () => {
    expect(
      enTokens(normalizeForAnalysis("@United I didn't get my bag, can't believe it :( http://t.co/x")),
    ).toEqual([
      '@user',
      'i',
      'did',
      'not',
      'get',
      'my',
      'bag',
      ',',
      'can',
      'not',
      'believe',
      'it',
      ':(',
      'url',
    ]);
    expect(enTokens('dont wont')).toEqual(['do', 'not', 'will', 'not']);
  });

  it('marks the few tokens after a negator until punctuation', () => {
    expect(markNegation(enTokens('not bad at all. great'))).toEqual([
      'not',
      'not_bad',
      'not_at',
      'not_all',
      '.',
      'great',
    ]);
    expect(markNegation(enTokens("it isn't good, but fine"))).toEqual([
      'it',
      'is',
      'not',
      'not_good',
      ',',
      'but',
      'fine',
    ]);
    expect(markNegation(['never', 'a', 'b', 'c', 'd'])).toEqual(['never', 'not_a', 'not_b', 'not_c', 'd']);
  });

  it('drops stop words but keeps negators in content words', () => {
    expect(enContentWords(enTokens('the card has not arrived'))).toEqual(['card', 'not', 'arrived']);
  });
});

describe('Chinese words', () => {
  it('keeps domain terms from the user dictionary whole', () => {
    const words = zhWords('我用刷脸支付和手机银行转账');
    expect(words).toContain('刷脸支付');
    expect(words).toContain('手机银行');
  });

  it('builds NEG_ features, skipping degree words, stopping at punctuation', () => {
    expect(zhNegations(zhWords('不是很满意'))).toEqual(['NEG_满意']);
    expect(zhNegations(zhWords('没有送到，不好吃'))).toEqual(['NEG_送到', 'NEG_好吃']);
    expect(zhNegations(zhWords('不，好吃'))).toEqual([]);
  });

  it('drops stop words and punctuation from content words', () => {
    expect(zhContentWords(zhWords('我的快递还没有到，怎么回事？'))).toEqual(['快递', '没有']);
  });
});

describe('stop word lists', () => {
  it('are our own lists and leave negators out', () => {
    expect(zhStopWords().size).toBeGreaterThan(100);
    expect(enStopWords().size).toBeGreaterThan(100);
    for (const w of ['不', '没', '没有', '别', '未', '无']) expect(zhStopWords().has(w)).toBe(false);
    for (const w of ['not', 'no', 'never']) expect(enStopWords().has(w)).toBe(false);
  });
});

describe('searchTokens (full-text index) stays on the default dictionary', () => {
  it('is not affected by the analysis user dictionary', () => {
    zhWords('刷脸支付');
    expect(searchTokens('刷脸支付 手机银行')).toEqual(['刷', '脸', '支付', '手机', '银行']);
  });
});
