import { describe, expect, it } from 'vitest';
import { textTokenize, tokenStemPlural } from './tokenize';

describe('textTokenize', () => {
  it('lowercases, drops apostrophes, turns other punctuation into spaces and splits on whitespace', () => {
    expect(textTokenize("A Dog's black-and-white toy, on the\tgrass!")).toEqual([
      'a',
      'dogs',
      'black',
      'and',
      'white',
      'toy',
      'on',
      'the',
      'grass',
    ]);
    expect(textTokenize('don\u2019t  stop')).toEqual(['dont', 'stop']);
  });

  it('keeps letters and digits of any script', () => {
    expect(textTokenize('Café in 東京, 2024.')).toEqual(['café', 'in', '東京', '2024']);
  });

  it('gives nothing for empty or punctuation-only text', () => {
    expect(textTokenize('')).toEqual([]);
    expect(textTokenize(' ... !? ')).toEqual([]);
  });
});

describe('tokenStemPlural', () => {
  it.each([
    ['cakes', 'cake'],
    ['cats', 'cat'],
    ['puppies', 'puppy'],
    ['boxes', 'box'],
    ['dishes', 'dish'],
    ['beaches', 'beach'],
    ['glasses', 'glass'],
    ['horses', 'horse'],
    ['grass', 'grass'],
    ['bus', 'bus'],
    ['tennis', 'tennis'],
    ['cactus', 'cactus'],
    ['dogs', 'dog'],
    ['gas', 'gas'],
    ['cake', 'cake'],
  ])('%s -> %s', (word, stem) => {
    expect(tokenStemPlural(word)).toBe(stem);
  });
});
