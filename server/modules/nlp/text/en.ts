import { enStopWords } from './resources.js';

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/g;
const MENTION_RE = /@\w+/g;
// Emoticons first (they contain punctuation), then words with an optional apostrophe part,
// runs of ! or ?, other sentence punctuation, and pictographic emoji.
const TOKEN_RE =
  /@\w+|[:;=]-?[()dp]|<3|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[!?]+|[.,;:]|\p{Extended_Pictographic}/gu;

const IRREGULAR_NOT: Record<string, string[]> = {
  "can't": ['can', 'not'],
  cannot: ['can', 'not'],
  cant: ['can', 'not'],
  "won't": ['will', 'not'],
  wont: ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
  aint: ['is', 'not'],
};
// Apostrophe-less forms common in short messages ("dont", "didnt").
const BARE_NT = new Set([
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'couldnt',
  'wouldnt',
  'shouldnt',
]);
const SUFFIXES: Array<[string, string]> = [
  ["n't", 'not'],
  ["'re", 'are'],
  ["'m", 'am'],
  ["'ll", 'will'],
  ["'ve", 'have'],
  ["'d", 'would'],
  ["'s", ''],
];

function expand(token: string): string[] {
  const t = token.replace(/’/g, "'");
  const irregular = IRREGULAR_NOT[t];
  if (irregular) return irregular;
  if (BARE_NT.has(t)) return [t.slice(0, -2), 'not'];
  for (const [suffix, full] of SUFFIXES) {
    if (t.length > suffix.length && t.endsWith(suffix)) {
      const stem = t.slice(0, -suffix.length);
      return full ? [stem, full] : [stem];
    }
  }
  return [t];
}

/**
 * Lower-cased tokens of already-normalised text; URLs → `url`, @handles → `@user` (unless kept),
 * contractions expanded.
 */
export function enTokens(normalized: string, keepHandles = false): string[] {
  let text = normalized.toLowerCase().replace(URL_RE, ' url ');
  text = keepHandles ? text.replace(MENTION_RE, (m) => ` ${m} `) : text.replace(MENTION_RE, ' @user ');
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN_RE)) out.push(...expand(match[0]));
  return out;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without']);
const SCOPE_BREAK = /^(?:[.,;:!?]+|but)$/;
const NEGATION_SCOPE = 3;

/**
 * Marks the few tokens after a negator (not/no/never/n't …), up to punctuation or "but", with a
 * `not_` prefix: "not good at all" → not not_good not_at not_all.
 */
export function markNegation(tokens: readonly string[], scope = NEGATION_SCOPE): string[] {
  const out: string[] = [];
  let remaining = 0;
  for (const token of tokens) {
    if (SCOPE_BREAK.test(token)) {
      remaining = 0;
      out.push(token);
    } else if (NEGATORS.has(token)) {
      remaining = scope;
      out.push(token);
    } else if (remaining > 0) {
      remaining--;
      out.push(`not_${token}`);
    } else out.push(token);
  }
  return out;
}

/** True for a token made of letters or digits. */
export function isEnWord(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

/** Content tokens: words that are not stop words. */
export function enContentWords(tokens: readonly string[]): string[] {
  const stop = enStopWords();
  return tokens.filter((t) => isEnWord(t) && !t.startsWith('@') && !stop.has(t));
}
