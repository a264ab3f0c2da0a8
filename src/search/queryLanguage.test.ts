import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY_LIMITS,
  queryParse,
  queryPositiveText,
  queryTexts,
  queryVectorCombine,
  type ParsedQuery,
} from './queryLanguage';
import { prngMulberry32 } from './synthetic';

const text = (t: string, weight = 1) => ({ kind: 'text', text: t, weight });
const photo = (id: string, weight = 1) => ({ kind: 'photo', id, weight });

/** The parser's promise: something was typed, so something is searched or something is said. */
function expectAccounted(input: string, parsed: ParsedQuery) {
  if (input.trim()) expect(parsed.terms.length + parsed.errors.length).toBeGreaterThan(0);
  for (const e of parsed.errors) {
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeGreaterThanOrEqual(e.start);
    expect(e.end).toBeLessThanOrEqual(input.length);
  }
}

describe('queryParse', () => {
  it.each([
    ['dog on a beach', [text('dog on a beach')]],
    ['beach -people', [text('beach'), text('people', -1)]],
    ['beach - people', [text('beach'), text('people', -1)]],
    ['"golden retriever"', [text('golden retriever')]],
    ['"golden retriever" -fruit', [text('golden retriever'), text('fruit', -1)]],
    ['2:sunset + city', [text('sunset', 2), text('city')]],
    ['2:golden retriever', [text('golden retriever', 2)]],
    ['0.5:sunset -2:"red car"', [text('sunset', 0.5), text('red car', -2)]],
    ['photo:ab12cd', [photo('ab12cd')]],
    ['-PHOTO:ab12 night', [photo('ab12', -1), text('night')]],
    ['photo:ab12 at night', [photo('ab12'), text('at night')]],
    ['3: "a b"', [text('a b', 3)]],
    ['t-shirt black-and-white', [text('t-shirt black-and-white')]],
    ['dog "on a" beach', [text('dog'), text('on a'), text('beach')]],
    ['🐶 on the 🏖️', [text('🐶 on the 🏖️')]],
    ['10:30 meeting', [text('10:30 meeting')]],
  ])('%s', (input, terms) => {
    const parsed = queryParse(input);
    expect(parsed.terms).toEqual(terms);
    expect(parsed.errors).toEqual([]);
  });

  it('an empty or blank query has no terms and no errors', () => {
    expect(queryParse('')).toEqual({ terms: [], errors: [] });
    expect(queryParse('   ')).toEqual({ terms: [], errors: [] });
  });

  it.each([
    ['-', [], /"-" at 1 has no term after it/, [0, 1]],
    ['beach -', [text('beach')], /"-" at 7 has no term after it/, [6, 7]],
    ['2:', [], /"2:" at 1 has no term after it/, [0, 2]],
    ['2: -red', [text('red', -1)], /"2:" at 1 has no term after it/, [0, 2]],
    ['"golden retriever', [text('golden retriever')], /quote at 1 is never closed/, [0, 17]],
    ['dog "', [text('dog')], /the unclosed quote at 5 holds nothing/, [4, 5]],
    ['"" cat', [text('cat')], /empty quote at 1 holds nothing/, [0, 2]],
    ['photo:', [], /"photo:" at 1 needs a photo's id/, [0, 6]],
    ['--red', [text('red')], /one operator at a time; read as "\+"/, [0, 2]],
    ['+-red', [text('red', -1)], /one operator at a time; read as "-"/, [0, 2]],
    ['0:red', [text('red')], /weight 0 at 1/, [0, 2]],
    ['500:red', [text('red', 100)], /more than 100; 100 used/, [0, 4]],
    ['red\tcar', [text('red car')], /control characters/, [3, 4]],
    ['red\u0000car\u001b', [text('red car')], /control characters/, [3, 4]],
  ])('%j: parses what it can and says what it ignored', (input, terms, message, [start, end]) => {
    const parsed = queryParse(input);
    expect(parsed.terms).toEqual(terms);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toMatch(message);
    expect([parsed.errors[0]!.start, parsed.errors[0]!.end]).toEqual([start, end]);
  });

  it('keeps at most maxTerms terms and says how many more were ignored', () => {
    const parsed = queryParse('a +b +c +d +e', { maxTerms: 3 });
    expect(parsed.terms).toEqual([text('a'), text('b'), text('c')]);
    expect(parsed.errors).toEqual([{ message: 'only 3 terms are searched; 2 more ignored', start: 8, end: 13 }]);
  });

  it('reads at most maxChars characters and says the rest was ignored', () => {
    const parsed = queryParse(`red ${'x'.repeat(20)}`, { maxChars: 10 });
    expect(parsed.terms).toEqual([text('red xxxxxx')]);
    expect(parsed.errors[0]).toMatchObject({ start: 10, end: 24 });
    expect(parsed.errors[0]!.message).toMatch(/first 10 characters/);
  });
});

describe('queryParse on hostile input', () => {
  const hostile: [string, string][] = [
    ['10,000 characters of words and operators', 'sun -rain 2:"x y" + '.repeat(500)],
    ['10,000 operators', '-+'.repeat(5000)],
    ['10,000 quotes', '"'.repeat(10_000)],
    ['unbalanced quotes', '"a" "b "c'],
    ['only weights', '2: 3: 4: 5:'],
    ['control characters', '\u0000\u0007red\u001b[31m\u2028blue\u0085'],
    ['emoji and joiners', '👩‍👩‍👧‍👦 -🌧️ 2:🏳️‍🌈 "🐕‍🦺'],
    ['photo: spam', 'photo: photo:photo: -photo:'],
    ['a 10,000-character word', 'a'.repeat(10_000)],
  ];

  it.each(hostile)('%s: bounded terms, accounted for', (_, input) => {
    const started = performance.now();
    const parsed = queryParse(input);
    expect(performance.now() - started).toBeLessThan(200);
    expect(parsed.terms.length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxTerms);
    for (const t of parsed.terms) expect(t.kind === 'text' ? t.text.length : t.id.length).toBeGreaterThan(0);
    for (const t of parsed.terms) expect(t.kind === 'text' ? t.text : t.id).not.toMatch(/\p{Cc}/u);
    expectAccounted(input, parsed);
    expect(parsed.errors.length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxErrors + 1);
  });

  it.each(hostile)('%s, every character read: still linear and bounded', (_, input) => {
    const started = performance.now();
    const parsed = queryParse(input, { maxChars: Infinity });
    expect(performance.now() - started).toBeLessThan(200);
    expect(parsed.terms.length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxTerms);
    expect(parsed.errors.length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxErrors + 1);
    expectAccounted(input, parsed);
  });

  it('lists maxErrors errors and counts the rest in one', () => {
    const parsed = queryParse('- - - - -', { maxErrors: 2 });
    expect(parsed.errors.map((e) => e.message)).toEqual([
      '"-" at 1 has no term after it; ignored',
      '"-" at 3 has no term after it; ignored',
      'and 3 more problems like these',
    ]);
    expect(parsed.errors[2]).toMatchObject({ start: 4, end: 9 });
  });

  it('never throws and always accounts for what was typed on random strings', () => {
    const random = prngMulberry32(14);
    const alphabet = ['a', 'b', ' ', '-', '+', ':', '"', '2', '.', '\t', '\u0000', '🐶', 'photo:', '0', 'é'];
    for (let n = 0; n < 1000; n++) {
      const length = Math.floor(random() * 30);
      const input = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const parsed = queryParse(input);
      expectAccounted(input, parsed);
      for (const t of parsed.terms) expect(Number.isFinite(t.weight) && t.weight !== 0).toBe(true);
    }
  });
});

describe('query terms', () => {
  it('queryTexts gives each distinct text once; queryPositiveText only the added ones', () => {
    const { terms } = queryParse('red car + 2:red car -blue +photo:x + "sky"');
    expect(queryTexts(terms)).toEqual(['red car', 'blue', 'sky']);
    expect(queryPositiveText(terms)).toBe('red car red car sky');
  });
});

describe('queryVectorCombine', () => {
  it('is the normalized weighted sum of the normalized vectors', () => {
    const got = queryVectorCombine(
      [2, -1],
      [
        [3, 0, 0],
        [0, 0.5, 0],
      ],
    );
    const want = [2, -1, 0].map((x) => x / Math.sqrt(5));
    got!.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 6));
  });

  it('one term gives its own direction; cancelling terms and no terms give null', () => {
    const one = queryVectorCombine([1], [[0, 2, 0]]);
    expect([...one!]).toEqual([0, 1, 0]);
    expect(
      queryVectorCombine(
        [1, -1],
        [
          [1, 2],
          [2, 4],
        ],
      ),
    ).toBeNull();
    expect(queryVectorCombine([], [])).toBeNull();
  });
});
