import { describe, expect, it } from 'vitest';
import { captionTerms, captionTermsMatchScore } from './query';
import { ocrFold, ocrPhraseMatches, ocrTerms } from './ocrText';

/** How a query scores against a photo's OCR text in the hybrid rank. */
function score(query: string, ocr: string): number {
  return captionTermsMatchScore(captionTerms(query), ocrTerms(ocr));
}

describe('OCR text in search', () => {
  it('folds case and Latin accents, keeping other scripts intact', () => {
    expect(ocrFold('CAFÉ Crème Ñandú')).toBe('cafe creme nandu');
    expect(ocrFold('नमस्ते')).toBe('नमस्ते'); // the virama and vowel signs are part of the word
    expect(ocrFold('МЕНЮ')).toBe('меню');
  });

  it('matches words whatever the case or accents, and prefixes of three letters or more', () => {
    expect(score('stop', 'STOP')).toBe(1);
    expect(score('cafe', 'CAFÉ')).toBe(1);
    expect(score('café', 'CAFE')).toBe(0); // the query's accent is kept; only the photo's text is folded
    expect(score('café', 'CAFÉ')).toBe(1);
    expect(score('caf', 'CAFÉ')).toBe(1);
    expect(score('ca', 'CAFÉ')).toBe(0);
    expect(score('меню', 'МЕНЮ')).toBe(1);
    expect(score('stop taxi', 'STOP')).toBe(0.5);
    expect(score('books', 'BOOKS')).toBe(1);
    expect(score('exit', 'STOP')).toBe(0);
  });

  it('matches a quoted phrase literally, across case, accents and line breaks, not word by word', () => {
    expect(ocrPhraseMatches('open 7 days', 'OPEN 7\nDAYS')).toBe(true);
    expect(ocrPhraseMatches('cafe bleu', 'Café  Bleu')).toBe(true);
    expect(ocrPhraseMatches('days open', 'OPEN 7 DAYS')).toBe(false);
    expect(ocrPhraseMatches('  ', 'anything')).toBe(false);
  });
});
