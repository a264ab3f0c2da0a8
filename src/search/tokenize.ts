/**
 * The one tokenizer for caption text, shared by caption search and caption metrics, so "a dog's toy" is split the
 * same way everywhere: lowercase, then Unicode NFC (a decomposed "naïve" equals the precomposed one); apostrophes
 * dropped ("dog's" -> "dogs", "don't" -> "dont"); every other character that is not a letter, a combining mark, a
 * digit or a zero-width (non-)joiner becomes a space ("black-and-white" -> "black and white"); split on whitespace.
 * Marks belong to their word: Hindi and Arabic vowel signs, Thai tone marks and the dot of a lowercased "İ" stay.
 */

const APOSTROPHES = /['\u2019]/gu;
const NOT_WORD = /[^\p{L}\p{M}\p{N}\u200c\u200d\s]+/gu;

/** Lowercased word tokens of `text`, punctuation stripped (see the file comment for the exact rule). */
export function textTokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .split(/\s+/u)
    .filter(Boolean);
}

/**
 * A light plural stemmer, enough for "cakes" to find "cake" (not Porter: no verb or adjective forms).
 * "puppies" -> "puppy", "boxes"/"dishes"/"beaches" -> "box"/"dish"/"beach", "glasses" -> "glass", "cats" -> "cat";
 * words ending in "ss", "us" or "is" ("grass", "bus", "tennis") and words of three letters or fewer stay as they are.
 */
export function tokenStemPlural(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/u.test(token)) return token.slice(0, -2);
  if (token.endsWith('s') && !/(?:ss|us|is)$/u.test(token)) return token.slice(0, -1);
  return token;
}
