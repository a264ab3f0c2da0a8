import { describe, expect, it } from 'vitest';
import { csvCell, csvFormat } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain.jpg')).toBe('plain.jpg');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}cmd`).replace(/^"/, '')).toMatch(/^'/);
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(3)).toBe('3');
  });
});

describe('csvFormat', () => {
  it('joins cells with commas and rows with CRLF, ending in CRLF', () => {
    expect(
      csvFormat([
        ['file', 'score'],
        ['=evil.jpg', 0.5],
      ]),
    ).toBe("file,score\r\n'=evil.jpg,0.5\r\n");
  });
});
