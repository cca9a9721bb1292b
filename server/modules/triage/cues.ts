/**
 * Text prepared for cue matching: NFKC, lower case, English contractions spelt out ("can't" → "cannot",
 * "haven't" → "have not"), whitespace collapsed.
 */
export function cueText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\b(\w+)n't\b/g, '$1 not')
    .replace(/\s+/g, ' ');
}

/** Chinese cues match as substrings; cues with Latin letters match whole words. */
export interface CueList {
  zh: string[];
  en: string[];
}

const compiled = new WeakMap<CueList, RegExp | null>();

function englishPattern(list: CueList): RegExp | null {
  if (compiled.has(list)) return compiled.get(list)!;
  const escaped = list.en.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const pattern = escaped.length > 0 ? new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'g') : null;
  compiled.set(list, pattern);
  return pattern;
}

/** The cues of a list found in a text prepared by cueText, in list order, without duplicates. */
export function findCues(text: string, list: CueList): string[] {
  const hits: string[] = [];
  for (const cue of list.zh) if (text.includes(cue)) hits.push(cue);
  const pattern = englishPattern(list);
  if (pattern) {
    for (const m of text.matchAll(pattern)) {
      const hit = m[0].replace(/\s+/g, ' ');
      if (!hits.includes(hit)) hits.push(hit);
    }
  }
  return hits;
}
