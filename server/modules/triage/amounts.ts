import type { Amount } from '../../../shared/contracts/triage.js';

/** Fixed conversion for comparing dollar amounts with CNY thresholds (order of magnitude is what matters). */
export const USD_TO_CNY = 7.2;

const ARABIC =
  /(?<pre>[¥￥$]|us\$|rmb|cny|usd|人民币|金额[:：为是]?|共计|合计)?\s*(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>万|千|百|亿|k\b|w\b)?\s*(?<post>元|块钱|块|人民币|rmb\b|cny\b|美元|美金|usd\b|dollars?\b|bucks\b)?/giu;

const CHINESE = /(?<num>[零〇一二两三四五六七八九十百千万亿]+)(?<post>元|块钱|块|万元|万块)/gu;

const UNIT: Record<string, number> = { 万: 1e4, 千: 1e3, 百: 1e2, 亿: 1e8, k: 1e3, w: 1e4 };
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三万五千 → 35000; 十二 → 12; returns NaN when it is not a well-formed number. */
export function parseChineseNumber(text: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in SMALL_UNITS) {
      section += (digit < 0 ? 1 : digit) * SMALL_UNITS[ch]!;
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      const unit = ch === '万' ? 1e4 : 1e8;
      total = (total + section + Math.max(digit, 0)) * unit;
      section = 0;
      digit = -1;
    } else {
      return Number.NaN;
    }
  }
  return total + section + Math.max(digit, 0);
}

function isDollar(pre: string | undefined, post: string | undefined): boolean {
  const p = (pre ?? '').toLowerCase();
  const q = (post ?? '').toLowerCase();
  return p === '$' || p === 'us$' || p === 'usd' || /美元|美金|usd|dollar|buck/.test(q);
}

/**
 * Money amounts mentioned in a text: Arabic numbers with a currency sign or word (¥ 5,000 / 3000元 /
 * RMB 200 / $1.5k / 金额：800) or a 万/亿 unit (被盗刷了3万), and Chinese numerals before 元/块/万元
 * (三万元). Bare numbers (order ids, dates, phone numbers) are not amounts.
 */
export function parseAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  const source = text.normalize('NFKC');
  for (const m of source.matchAll(ARABIC)) {
    const { pre, num, unit, post } = m.groups as Record<string, string | undefined>;
    const unitKey = unit?.toLowerCase();
    const bigUnit = unitKey === '万' || unitKey === '亿' || unitKey === 'w';
    if (!pre && !post && !bigUnit) continue;
    let value = Number(num!.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    if (unitKey) value *= UNIT[unitKey] ?? 1;
    const currency = isDollar(pre, post) ? 'USD' : 'CNY';
    found.push({
      text: m[0].trim(),
      value,
      currency,
      cny: currency === 'USD' ? Math.round(value * USD_TO_CNY * 100) / 100 : value,
    });
  }
  for (const m of source.matchAll(CHINESE)) {
    const { num, post } = m.groups as Record<string, string>;
    let value = parseChineseNumber(num!);
    if (!Number.isFinite(value) || value <= 0) continue;
    if (post!.startsWith('万')) value *= 1e4;
    found.push({ text: m[0], value, currency: 'CNY', cny: value });
  }
  return found;
}

/** The largest amount in CNY, or 0 when none is mentioned. */
export function largestAmount(amounts: Amount[]): number {
  return amounts.reduce((max, a) => Math.max(max, a.cny), 0);
}
