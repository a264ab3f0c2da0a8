import { describe, expect, it } from 'vitest';
import type { PhotoText } from '../../library/schema';
import { textsToCsv } from './textsCsv';

const text = (photoId: string, value: string, source: PhotoText['source'] = 'model'): PhotoText => ({
  modelId: 'florence',
  photoId,
  text: value,
  source,
  at: 1,
});

describe('texts as CSV', () => {
  it('one row per photo with text, by path; lines quoted in one cell; formulas defused', () => {
    const photos = [
      { id: 'b', path: 'trip/b.jpg' },
      { id: 'a', path: 'trip/a.jpg' },
      { id: 'c', path: 'trip/c.jpg' },
    ];
    const texts = new Map([
      ['b', text('b', '=HYPERLINK("x")', 'user')],
      ['a', text('a', 'OPEN 7 DAYS\nCafé, "Bleu"')],
    ]);
    expect(textsToCsv(photos, texts)).toBe(
      'file,text,source,model,id\r\n' +
        'trip/a.jpg,"OPEN 7 DAYS\nCafé, ""Bleu""",model,florence,a\r\n' +
        `trip/b.jpg,"'=HYPERLINK(""x"")",user,florence,b\r\n`,
    );
  });
});
