import { describe, expect, it } from 'vitest';
import { csvCell } from '../../shared/csv';
import { classPromptName, csvRows, datasetFromFiles, matchReferences, parseReferences } from './evaluateData';

const file = (path: string) => ({ file: new File(['x'], path.split('/').pop()!), path });

describe('datasetFromFiles', () => {
  it('takes each photo’s class from its immediate parent folder', () => {
    const set = datasetFromFiles(
      ['pets/dog/b.jpg', 'pets/cat/a.JPG', 'pets/cat/indoor/c.png', 'pets/loose.png'].map(file),
    );
    expect(set.name).toBe('pets');
    expect(set.classes).toEqual(['cat', 'dog', 'indoor']);
    expect(set.photos.map((p) => [p.path, p.className])).toEqual([
      ['pets/cat/a.JPG', 'cat'],
      ['pets/cat/indoor/c.png', 'indoor'],
      ['pets/dog/b.jpg', 'dog'],
      ['pets/loose.png', null],
    ]);
  });

  it('sets reference files apart and ignores everything else', () => {
    const set = datasetFromFiles(['set/captions.csv', 'set/refs.JSON', 'set/notes.txt', 'set/a/1.webp'].map(file));
    expect(set.referenceFiles.map((f) => f.path)).toEqual(['set/captions.csv', 'set/refs.JSON']);
    expect(set.ignored).toEqual(['set/notes.txt']);
    expect(set.photos).toHaveLength(1);
  });

  it('words class folders for prompts', () => {
    expect(classPromptName('golden_retriever')).toBe('golden retriever');
    expect(classPromptName('red')).toBe('red');
  });
});

describe('parseReferences: CSV', () => {
  it('reads file,caption rows with an optional header, several rows per file', () => {
    const { references, problems } = parseReferences(
      'refs.csv',
      'file,caption\r\na.jpg,a red picture\na.jpg,"a picture, red"\nsub/b.jpg,"she said ""hi"""\n\n',
    );
    expect(problems).toEqual([]);
    expect([...references]).toEqual([
      ['a.jpg', ['a red picture', 'a picture, red']],
      ['sub/b.jpg', ['she said "hi"']],
    ]);
  });

  it('keeps an unquoted comma as part of the caption and reports unusable lines', () => {
    const { references, problems } = parseReferences('r.csv', 'a.jpg,a red, bright picture\nb.jpg\n,orphan');
    expect(references.get('a.jpg')).toEqual(['a red, bright picture']);
    expect(problems).toEqual(['line 2: expected "file,caption"', 'line 3: expected "file,caption"']);
  });

  it('writes cells that read back the same', () => {
    const cells = ['plain', 'with, comma', 'with "quote"', 'two\nlines', 3];
    expect(csvRows(cells.map(csvCell).join(','))).toEqual([cells.map(String)]);
  });
});

describe('parseReferences: JSON', () => {
  it('reads an object of file name -> captions (a string is one caption)', () => {
    const { references, problems } = parseReferences(
      'refs.json',
      JSON.stringify({ 'a.jpg': ['one', 'two'], './b.jpg': 'three', 'c.jpg': 4 }),
    );
    expect([...references]).toEqual([
      ['a.jpg', ['one', 'two']],
      ['b.jpg', ['three']],
    ]);
    expect(problems).toHaveLength(1);
  });

  it('reads an array of {file, caption} and says when the JSON is broken', () => {
    const rows = [
      { file: 'a.jpg', caption: 'one' },
      { file: 'a.jpg', captions: ['two'] },
    ];
    expect([...parseReferences('r.json', JSON.stringify(rows)).references]).toEqual([['a.jpg', ['one', 'two']]]);
    expect(parseReferences('r.json', '{"a": ').problems[0]).toMatch(/not valid JSON/);
  });
});

describe('matchReferences', () => {
  const photos = ['set/red/a.png', 'set/blue/a.png', 'set/red/b.png', 'set/c.png'].map((path) => ({ path }));

  it('matches bare names, relative paths and paths with the folder name', () => {
    const references = new Map([
      ['b.png', ['one']],
      ['blue/a.png', ['two']],
      ['set/red/a.png', ['three']],
      ['red/b.png', ['four']],
      ['c.png', ['five']],
    ]);
    const { matched, unmatched, ambiguous } = matchReferences(references, photos);
    expect(matched.map((m) => [m.photo.path, m.references])).toEqual([
      ['set/red/a.png', ['three']],
      ['set/blue/a.png', ['two']],
      ['set/red/b.png', ['one', 'four']],
      ['set/c.png', ['five']],
    ]);
    expect(unmatched).toEqual([]);
    expect(ambiguous).toEqual([]);
  });

  it('reports names that match nothing or several photos', () => {
    const { matched, unmatched, ambiguous } = matchReferences(
      new Map([
        ['a.png', ['x']],
        ['zzz.png', ['y']],
        ['ed/b.png', ['not a suffix of a folder name']],
      ]),
      photos,
    );
    expect(matched).toEqual([]);
    expect(unmatched).toEqual(['zzz.png', 'ed/b.png']);
    expect(ambiguous).toEqual(['a.png']);
  });
});
