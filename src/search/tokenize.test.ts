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

  it('keeps combining marks inside words and composes them (NFC), so decomposed and precomposed text agree', () => {
    const decomposed = 'nai\u0308ve cafe\u0301';
    expect(decomposed).not.toBe('naïve café');
    expect(textTokenize(decomposed)).toEqual(['naïve', 'café']); // precomposed U+00EF, U+00E9
    expect(textTokenize('naïve café')).toEqual(textTokenize(decomposed));
    expect(textTokenize('İstanbul, Türkiye')).toEqual(['i\u0307stanbul', 'türkiye']);
  });

  it('keeps the vowel signs of Hindi, Thai and Arabic words (one token a word, not letters)', () => {
    expect(textTokenize('नमस्ते दुनिया।')).toEqual(['नमस्ते', 'दुनिया']);
    expect(textTokenize('แมว ที่นอนหลับ')).toEqual(['แมว', 'ที่นอนหลับ']);
    expect(textTokenize('مَرْحَبًا بِالْعَالَم')).toEqual(['مَرْحَبًا', 'بِالْعَالَم']);
    expect(textTokenize('می\u200cخواهم')).toEqual(['می\u200cخواهم']); // Persian: the ZWNJ is inside the word
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
