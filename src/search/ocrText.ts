/**
 * Text read from photos (OCR) as search matches it. A photo's OCR words join its caption words in the hybrid rank
 * (`captionTermsMatchScore`, which asks for exact terms), so `ocrTerms` puts in each word as it is, its accent-free
 * form and every prefix of at least `OCR_MIN_PREFIX` characters of both: "CAFÉ" is found by "café", "cafe" and "caf".
 * A quoted query matches the text literally with `ocrPhraseMatches`, ignoring case, accents and runs of spaces.
 */
import { captionTerms } from './query';
import { textTokenize, tokenStemPlural } from './tokenize';

/** Prefixes shorter than this would match too much ("c" finds every word with a c). */
export const OCR_MIN_PREFIX = 3;

/** Combining accents of Latin, Greek and Cyrillic letters; other scripts' marks (Hindi vowel signs) are letters' own. */
const ACCENTS = /[\u0300-\u036f]/gu;

/** Lowercased, accents removed (é -> e, ñ -> n, but not the marks of scripts that need them), NFC. */
export function ocrFold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(ACCENTS, '').normalize('NFC');
}

/** The terms a photo's OCR text is found by (see the file comment). */
export function ocrTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of [...textTokenize(text), ...textTokenize(ocrFold(text))]) {
    const chars = [...token];
    for (let n = Math.min(OCR_MIN_PREFIX, chars.length); n <= chars.length; n++) terms.add(chars.slice(0, n).join(''));
    terms.add(tokenStemPlural(token));
  }
  // The caption rule's own forms too, so a query's stop words and plurals meet OCR words as they meet captions'.
  for (const term of captionTerms(text)) terms.add(term);
  return terms;
}

/** Whether `phrase` occurs in `text` as written, ignoring case, accents and how many spaces or line breaks. */
export function ocrPhraseMatches(phrase: string, text: string): boolean {
  const squash = (s: string) => ocrFold(s).replace(/\s+/gu, ' ').trim();
  const wanted = squash(phrase);
  return wanted.length > 0 && squash(text).includes(wanted);
}
