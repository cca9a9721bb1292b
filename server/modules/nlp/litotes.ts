/**
 * Negated negatives ("not bad", "没毛病"): too rare in the training sets for the models to learn that
 * they are mildly positive, while the negator alone ("not", "没") leans strongly negative there.
 */
const EN_LITOTES =
  /\b(?:not|never) (?:too |that |so |half |all )?(?:bad|terrible|awful|horrible|disappointed|disappointing|the worst)(?: at all)?\b|\bno (?:problems?|complaints?|issues?)(?: at all)?\b|\b(?:can not|could not) complain\b/g;
const ZH_LITOTES = /没毛病|挑不出毛病|无可挑剔|没得说|没话说|不赖|不差|不坏|不失望|没让人失望|没有失望/g;

export interface LitotesMatch {
  phrases: string[];
  /** The text with the phrases cut out (to score what else it says). */
  remainder: string;
}

/** Negated-negative phrases of `text` (normalised; English with contractions spelt out). */
export function findLitotes(text: string, language: 'zh' | 'en'): LitotesMatch | null {
  const pattern = language === 'zh' ? ZH_LITOTES : EN_LITOTES;
  const phrases = text.match(pattern);
  if (!phrases) return null;
  return { phrases, remainder: text.replace(pattern, ' ').replace(/\s+/g, ' ').trim() };
}
