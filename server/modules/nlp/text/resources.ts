import { readFileSync } from 'node:fs';

/** Reads a word list shipped next to this file: one entry per line, `#` starts a comment line. */
export function readWordList(name: string): string[] {
  const raw = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  return raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

let zhStop: ReadonlySet<string> | undefined;
let enStop: ReadonlySet<string> | undefined;

/** Chinese stop words (function words; negators excluded on purpose). */
export function zhStopWords(): ReadonlySet<string> {
  zhStop ??= new Set(readWordList('stopwords-zh.txt'));
  return zhStop;
}

/** English stop words (function words; negators excluded on purpose). */
export function enStopWords(): ReadonlySet<string> {
  enStop ??= new Set(readWordList('stopwords-en.txt'));
  return enStop;
}

/** Domain terms for jieba, in jieba's dictionary format (`word freq tag`). */
export function userDictionary(): Buffer {
  return readFileSync(new URL('./user-dict.txt', import.meta.url));
}
