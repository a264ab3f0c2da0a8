/**
 * The query language of the search box, after rclip's query arithmetic: `beach -people`, `"golden retriever"`,
 * `2:sunset + city`, `photo:<id>`. A pure parser: it never throws and never silently drops what was typed; what it
 * cannot use comes back in `errors` with its position, and the rest is still searched.
 *
 * Grammar (whitespace separates tokens):
 * - bare words in a row are one text term: `dog on a beach` is embedded as one text, as before the language existed;
 * - `"..."` is one text term (a phrase), whatever it holds; an unclosed quote runs to the end (and says so);
 * - a token may start with `+` or `-` (a term added or subtracted), then a weight `N:` (`2:`, `0.5:`), then
 *   `photo:<id>` (the stored vector of that photo) or text; each of these starts a new term, and an operator or
 *   weight standing alone (`- people`, `2: "a b"`) applies to the next term;
 * - a `-` or `+` inside a word is text (`t-shirt`, `black-and-white`).
 *
 * The query vector: normalize(sum_i weight_i * normalize(v_i)) over the terms' vectors (`queryVectorCombine`).
 */

import { vectorNorm } from './vector';
import { SEARCH_TUNABLES } from './tunables';

export type QueryTerm =
  | { readonly kind: 'text'; readonly text: string; readonly weight: number }
  | { readonly kind: 'photo'; readonly id: string; readonly weight: number };

/** Something in the query that was not used as typed; `start`/`end` are offsets into the input (end exclusive). */
export interface QueryError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedQuery {
  readonly terms: readonly QueryTerm[];
  readonly errors: readonly QueryError[];
}

/** Bounds on what one query may cost (terms each need an embedding). */
export interface QueryLimits {
  /** Characters read; the rest is ignored (and reported). */
  maxChars: number;
  /** Terms kept; later ones are ignored (and reported). */
  maxTerms: number;
  /** Largest |weight|; bigger ones are clamped (and reported). */
  maxWeight: number;
  /** Errors listed; the rest are counted in one last error. */
  maxErrors: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxChars: SEARCH_TUNABLES.queryMaxChars,
  maxTerms: SEARCH_TUNABLES.queryMaxTerms,
  maxWeight: SEARCH_TUNABLES.queryMaxWeight,
  maxErrors: SEARCH_TUNABLES.queryMaxErrors,
};

// `N:` before a digit is text, not a weight: `10:30` is a time.
const WEIGHT = /^(\d+(?:\.\d*)?|\.\d+):(?!\d)/u;
const PHOTO = /^photo:/iu;
// C0 and C1 controls, DEL and the line/paragraph separators: none of them is something to search for.
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

interface Modifier {
  sign: number;
  weight: number;
  start: number;
  end: number;
}

/** Parses a search box's text into weighted terms; see the file comment for the grammar. Never throws. */
export function queryParse(input: string, limits: Partial<QueryLimits> = {}): ParsedQuery {
  const { maxChars, maxTerms, maxWeight, maxErrors } = { ...DEFAULT_QUERY_LIMITS, ...limits };
  const errors: QueryError[] = [];
  const terms: QueryTerm[] = [];
  let unlisted: { count: number; start: number; end: number } | null = null;
  const fail = (message: string, start: number, end: number) => {
    if (errors.length < maxErrors) return void errors.push({ message, start, end });
    unlisted = unlisted ? { count: unlisted.count + 1, start: unlisted.start, end } : { count: 1, start, end };
  };

  let text = input;
  if (text.length > maxChars) {
    fail(
      `only the first ${maxChars} characters are searched; the other ${text.length - maxChars} are ignored`,
      maxChars,
      text.length,
    );
    text = text.slice(0, maxChars);
  }
  const control = text.search(CONTROL);
  if (control >= 0) {
    fail('control characters (tabs, line breaks, ...) are read as spaces', control, control + 1);
    text = text.replace(CONTROL, ' ');
  }

  let dropped: { count: number; start: number; end: number } | null = null;
  const emit = (term: QueryTerm, start: number, end: number) => {
    if (terms.length < maxTerms) return void terms.push(term);
    dropped = dropped ? { ...dropped, count: dropped.count + 1, end } : { count: 1, start, end };
  };
  // The words of the bare-word term being read, and the modifier it started with.
  let run: { words: string[]; modifier: Modifier | null; start: number; end: number } | null = null;
  let pending: Modifier | null = null;
  const flush = () => {
    if (run) emit({ kind: 'text', text: run.words.join(' '), weight: weightOf(run.modifier) }, run.start, run.end);
    run = null;
  };
  const takePending = (): Modifier | null => {
    const modifier = pending;
    pending = null;
    return modifier;
  };

  let i = 0;
  while (i < text.length) {
    if (/\s/u.test(text[i]!)) {
      i++;
      continue;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close + 1;
      const phrase = text.slice(i + 1, close < 0 ? text.length : close).trim();
      flush();
      const modifier = takePending();
      const operator = modifier ? ', with the operator before it' : '';
      if (!phrase)
        fail(`${close < 0 ? 'the unclosed' : 'empty'} quote at ${i + 1} holds nothing; ignored${operator}`, i, end);
      else {
        if (close < 0) fail(`the quote at ${i + 1} is never closed; read to the end as one phrase`, i, end);
        emit({ kind: 'text', text: phrase, weight: weightOf(modifier) }, i, end);
      }
      i = end;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '"' && !/\s/u.test(text[end]!)) end++;
    readToken(text.slice(i, end), i);
    i = end;
  }
  flush();
  if (pending) noTermAfter(pending);
  const extra = dropped as { count: number; start: number; end: number } | null;
  if (extra) fail(`only ${maxTerms} terms are searched; ${extra.count} more ignored`, extra.start, extra.end);
  const more = unlisted as { count: number; start: number; end: number } | null;
  if (more) errors.push({ message: `and ${more.count} more problems like these`, start: more.start, end: more.end });
  return { terms, errors };

  function readToken(token: string, start: number) {
    let at = 0;
    let sign = 1;
    while (at < token.length && (token[at] === '+' || token[at] === '-')) {
      if (token[at] === '-') sign = -sign;
      at++;
    }
    if (at > 1)
      fail(
        `"${token.slice(0, at)}" at ${start + 1}: one operator at a time; read as "${sign < 0 ? '-' : '+'}"`,
        start,
        start + at,
      );
    let weight = 1;
    const weightMatch = WEIGHT.exec(token.slice(at));
    if (weightMatch) {
      weight = Number(weightMatch[1]);
      const weightStart = start + at;
      at += weightMatch[0].length;
      if (weight > maxWeight) {
        fail(
          `weight ${weightMatch[1]} at ${weightStart + 1} is more than ${maxWeight}; ${maxWeight} used`,
          weightStart,
          start + at,
        );
        weight = maxWeight;
      } else if (weight === 0) {
        fail(`weight 0 at ${weightStart + 1} would ignore the term; 1 used`, weightStart, start + at);
        weight = 1;
      }
    }
    const own: Modifier | null = at > 0 ? { sign, weight, start, end: start + at } : null;
    const rest = token.slice(at);
    const isPhoto = PHOTO.test(rest);
    if (own || isPhoto) flush();
    // A modifier standing alone applies to this token, unless this one brings its own.
    let modifier = own;
    if (pending) {
      if (own) noTermAfter(pending);
      else modifier = pending;
      pending = null;
    }
    if (isPhoto) {
      const id = rest.slice('photo:'.length);
      const end = start + token.length;
      if (id) emit({ kind: 'photo', id, weight: weightOf(modifier) }, start, end);
      else fail(`"photo:" at ${start + at + 1} needs a photo's id after it; ignored`, start, end);
      return;
    }
    if (!rest) {
      pending = own;
      return;
    }
    // A running term never has a pending modifier: the modifier's token ended the run.
    if (run) {
      run.words.push(rest);
      run.end = start + token.length;
    } else {
      run = { words: [rest], modifier, start, end: start + token.length };
    }
  }

  function noTermAfter(modifier: Modifier) {
    const what = text.slice(modifier.start, modifier.end);
    fail(`"${what}" at ${modifier.start + 1} has no term after it; ignored`, modifier.start, modifier.end);
  }
}

function weightOf(modifier: Modifier | null): number {
  return modifier ? modifier.sign * modifier.weight : 1;
}

/** The distinct texts of the text terms, in first-seen order: each is embedded once. */
export function queryTexts(terms: readonly QueryTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => (t.kind === 'text' ? [t.text] : [])))];
}

/** The positively weighted text terms, joined: what caption and name words are matched against. */
export function queryPositiveText(terms: readonly QueryTerm[]): string {
  return terms.flatMap((t) => (t.kind === 'text' && t.weight > 0 ? [t.text] : [])).join(' ');
}

/**
 * rclip's arithmetic: normalize(sum_i weight_i * normalize(vectors[i])). `vectors[i]` is term i's vector; a zero
 * vector adds nothing. Null when the sum is zero (no terms, or terms that cancel: `red -red`).
 */
export function queryVectorCombine(
  weights: readonly number[],
  vectors: readonly ArrayLike<number>[],
): Float32Array | null {
  if (vectors.length === 0) return null;
  const dims = vectors[0]!.length;
  const sum = new Float64Array(dims);
  vectors.forEach((vector, i) => {
    if (vector.length !== dims)
      throw new RangeError(`queryVectorCombine: vector ${i} has ${vector.length} dims, not ${dims}`);
    const norm = vectorNorm(vector);
    if (norm === 0) return;
    const scale = weights[i]! / norm;
    for (let j = 0; j < dims; j++) sum[j]! += scale * vector[j]!;
  });
  const norm = vectorNorm(sum);
  // Below float32 noise the terms cancelled: the direction left is rounding, not meaning.
  if (!(norm > 1e-6)) return null;
  return Float32Array.from(sum, (x) => x / norm);
}
