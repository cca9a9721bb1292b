export type Language = 'zh' | 'en' | 'other';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const LATIN_WORD = /\p{Script=Latin}+(?:'\p{Script=Latin}+)?/gu;

// Frequent English words, and frequent function words of other Latin-script languages; the balance
// between the two separates English from French, Spanish, German, … without a trained model.
const EN_CUES = new Set(
  'the a an and or but is are was were be been have has had do does did not no my your i you we it this that to of in on for with at from by can will would please thanks what how why when where'.split(
    ' ',
  ),
);
const OTHER_CUES = new Set(
  'le la les des du un une est et ne pas je vous nous der die das und ist nicht ich sie ein eine el los las y que es por para una con muy gracias não sim obrigado che di il della sono'.split(
    ' ',
  ),
);
const NON_ENGLISH_LATIN = /[àâäæçéèêëîïôœùûüÿñßãõåøáíóú]/u;

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  otherLetters: number;
}

/** Letters per script (Han characters, kana, hangul, Latin, any other letter). */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, otherLetters: 0 };
  for (const ch of text) {
    if (HAN.test(ch)) counts.han++;
    else if (KANA.test(ch)) counts.kana++;
    else if (HANGUL.test(ch)) counts.hangul++;
    else if (LATIN.test(ch)) counts.latin++;
    else if (LETTER.test(ch)) counts.otherLetters++;
  }
  return counts;
}

/**
 * zh when Han characters outnumber Latin words (a Han character is roughly a word) and no Japanese
 * kana or Korean hangul is mixed in; en when Latin script dominates and English cue words are not
 * outnumbered by other languages' function words; otherwise other.
 */
export function detectLanguage(text: string): Language {
  const normalized = text.normalize('NFKC').toLowerCase();
  const counts = countScripts(normalized);
  const words = normalized.match(LATIN_WORD) ?? [];
  const letters = counts.han + counts.kana + counts.hangul + counts.latin + counts.otherLetters;
  if (letters === 0) return 'other';
  if (counts.kana + counts.hangul > 0.1 * letters) return 'other';
  if (counts.han > 0 && counts.han > words.length && counts.han >= counts.otherLetters) return 'zh';
  if (counts.latin < 0.6 * letters) return 'other';
  let en = 0;
  let foreign = 0;
  for (const word of words) {
    if (EN_CUES.has(word)) en++;
    if (OTHER_CUES.has(word) || NON_ENGLISH_LATIN.test(word)) foreign++;
  }
  return foreign > en ? 'other' : 'en';
}
