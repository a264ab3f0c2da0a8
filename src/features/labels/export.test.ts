import { describe, expect, test } from 'vitest';
import { fakePhoto } from '../../library/testing';
import type { Caption } from '../../library/schema';
import { csvCell } from '../../shared/csv';
import { exportRows, rowsToCsv, rowsToJson } from './export';

const photos = [
  fakePhoto(2, { path: 'b/two, "quoted".jpg' }),
  fakePhoto(1, { path: 'a/one.jpg' }),
  fakePhoto(3, { path: 'c/=HYPERLINK("x").jpg' }),
];
const labels = new Map([
  [photos[0]!.id, [{ label: 'dog', score: 0.91234 }]],
  [
    photos[1]!.id,
    [
      { label: 'beach', score: 0.5 },
      { label: 'dog', score: 0.25 },
    ],
  ],
]);
const caption = (photoId: string, text: string, source: Caption['source']): Caption => ({
  modelId: 'm',
  photoId,
  text,
  source,
  at: 0,
});
const captions = new Map([
  [photos[0]!.id, caption(photos[0]!.id, 'a dog\non a "sofa"', 'user')],
  [photos[1]!.id, caption(photos[1]!.id, 'a dog on a beach', 'model')],
]);

describe('export', () => {
  test('one row per photo, by path, with labels best first and the shown caption', () => {
    const rows = exportRows(photos, labels, captions);
    expect(rows.map((r) => r.file)).toEqual(['a/one.jpg', 'b/two, "quoted".jpg', 'c/=HYPERLINK("x").jpg']);
    expect(rows[2]).toMatchObject({ labels: [], caption: '', captionSource: '' });
    expect(exportRows(photos, null, new Map()).every((r) => r.labels.length === 0)).toBe(true);
  });

  test('CSV: a header and one line per photo, RFC 4180 quoting, formulas defused', () => {
    const csv = rowsToCsv(exportRows(photos, labels, captions));
    expect(csv.split('\r\n')).toEqual([
      'file,labels,scores,caption,caption_source,id',
      `a/one.jpg,beach; dog,0.5000; 0.2500,a dog on a beach,model,${photos[1]!.id}`,
      `"b/two, ""quoted"".jpg",dog,0.9123,"a dog\non a ""sofa""",user,${photos[0]!.id}`,
      `"c/=HYPERLINK(""x"").jpg",,,,,${photos[2]!.id}`,
      '',
    ]);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('plain')).toBe('plain');
  });

  test('CSV: a set with labels taught by example adds which labels each photo is an example / counter-example of', () => {
    const set = {
      id: 's',
      name: 'taught',
      labels: ['=my things', 'dog'],
      templates: ['{}'],
      mode: 'multi' as const,
      examples: {
        '=my things': { examples: [photos[1]!.id, photos[0]!.id], counterExamples: [photos[2]!.id], prompts: false },
        dog: { examples: [photos[1]!.id], counterExamples: [], prompts: true },
      },
      updatedAt: 0,
    };
    const lines = rowsToCsv(exportRows(photos, null, new Map(), set)).split('\r\n');
    expect(lines[0]).toBe('file,labels,scores,caption,caption_source,id,example_of,counter_example_of');
    expect(lines[1]).toBe(`a/one.jpg,,,,,${photos[1]!.id},'=my things; dog,`);
    expect(lines[3]).toBe(`"c/=HYPERLINK(""x"").jpg",,,,,${photos[2]!.id},,'=my things`);
    const json = JSON.parse(
      rowsToJson(exportRows(photos, null, new Map(), set), {
        labelSet: set,
        captioner: 'c',
        exportedAt: new Date(0),
      }),
    ) as { photos: { exampleOf?: string[] }[] };
    expect(json.photos.map((p) => p.exampleOf)).toEqual([['=my things', 'dog'], ['=my things'], []]);
    expect(rowsToCsv(exportRows(photos, null, new Map())).split('\r\n')[0]).toBe(
      'file,labels,scores,caption,caption_source,id',
    );
  });

  test('JSON: the label set, the captioner, and labels with scores per photo', () => {
    const set = {
      id: 's',
      name: 'pets',
      labels: ['dog', 'beach'],
      templates: ['a photo of a {}.'],
      mode: 'multi' as const,
      threshold: 0.2,
      updatedAt: 0,
    };
    const json = JSON.parse(
      rowsToJson(exportRows(photos, labels, captions), {
        labelSet: set,
        captioner: 'fixture-color-captioner',
        exportedAt: new Date(0),
      }),
    );
    expect(json).toMatchObject({
      format: 'shoebox-labels',
      exportedAt: '1970-01-01T00:00:00.000Z',
      labelSet: { name: 'pets', labels: ['dog', 'beach'], mode: 'multi', threshold: 0.2 },
      captioner: 'fixture-color-captioner',
    });
    expect(json.photos).toHaveLength(3);
    expect(json.photos[0]).toEqual({
      file: 'a/one.jpg',
      id: photos[1]!.id,
      labels: [
        { label: 'beach', score: 0.5 },
        { label: 'dog', score: 0.25 },
      ],
      caption: 'a dog on a beach',
      captionSource: 'model',
    });
    expect(json.photos[2]).toMatchObject({ labels: [], caption: null });
  });
});
