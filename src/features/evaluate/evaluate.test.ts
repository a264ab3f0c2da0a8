import { describe, expect, it } from 'vitest';
import { splitStratified } from '../../search/split';
import { Evaluation, type EvalDeps } from './evaluate';
import { mapProject } from './embeddingMap';
import { splitEvaluate, type SplitInput } from './splitEvaluate';

const COLORS = ['red', 'green', 'blue'] as const;
const axis = (i: number) => Float32Array.from({ length: 4 }, (_, j) => (j === i ? 1 : 0.05));
/** A photo's bytes name its colour ("red:1"); a text embeds to the first colour it mentions. */
const colorOf = (text: string) => COLORS.findIndex((c) => text.includes(c));
const photo = (path: string, color: string) => ({ file: new File([`${color}:${path}`], path.split('/').pop()!), path });

interface Calls {
  embedded: number;
  texts: string[];
  captioned: number;
  loads: string[];
  restored: number;
  splits: SplitInput[];
}

function fakeDeps(
  stored: Map<string, Float32Array> = new Map(),
  storedCaptions = new Map<string, string>(),
  library: { id: string; path: string }[] = [],
) {
  const calls: Calls = { embedded: 0, texts: [], captioned: 0, loads: [], restored: 0, splits: [] };
  const deps: EvalDeps = {
    loadModel: async (id) => void calls.loads.push(id),
    inputSize: async () => 2,
    embedImages: async (_id, crops) => {
      calls.embedded += crops.length;
      return crops.map((c) => axis(c[0]!));
    },
    embedTexts: async (_id, texts) => {
      calls.texts.push(...texts);
      return texts.map((t) => axis(colorOf(t)));
    },
    caption: async (_id, image) => {
      calls.captioned++;
      return `a ${COLORS[image.rgba[0]!]} picture`;
    },
    hashFile: async (file) => `hash:${await file.text()}`,
    storedEmbedding: async (_id, hash) => stored.get(hash),
    storedCaption: async (_id, hash) => storedCaptions.get(hash),
    decodeCrop: async (file) => {
      const text = await file.text();
      if (text.startsWith('broken')) return { error: 'damaged or truncated image' };
      return new Uint8ClampedArray([colorOf(text.split(':')[0]!), 0, 0, 255]);
    },
    decodeForCaption: async (file) => ({
      rgba: new Uint8ClampedArray([colorOf((await file.text()).split(':')[0]!), 0, 0, 255]),
      width: 1,
      height: 1,
    }),
    restoreModels: async () => void calls.restored++,
    evaluateSplit: async (input) => {
      calls.splits.push(input);
      return splitEvaluate(input);
    },
    projectMap: async (vectors, seed, progress) => mapProject(vectors, seed, progress),
    libraryPhotos: async () => library,
    storedEmbeddings: async () => stored,
    thumbnail: async (id) => new Blob([id]),
  };
  return { deps, calls };
}

const files = [
  photo('colors/red/1.png', 'red'),
  photo('colors/red/2.png', 'red'),
  photo('colors/red/3.png', 'blue'), // mislabelled
  photo('colors/green/1.png', 'green'),
  photo('colors/blue/1.png', 'blue'),
  photo('colors/blue/2.png', 'blue'),
];

describe('Evaluation: classification', () => {
  it('reuses stored vectors, computes only the missing ones, and reports per model', async () => {
    const stored = new Map([[`hash:red:colors/red/1.png`, axis(0)]]);
    const { deps, calls } = fakeDeps(stored);
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles(files);
    evaluation.setEmbedderIds(['a', 'b']);
    evaluation.setTemplates({ kind: 'custom', templates: ['a photo of a {}.', 'a {} thing.'] });
    await evaluation.runClassification();

    const { classification, progress, message } = evaluation.store.get();
    expect(message).toBeNull();
    expect(progress).toBeNull();
    expect(calls.loads).toEqual(['a', 'b']);
    expect(calls.restored).toBe(1);
    expect(classification.map((r) => [r.modelId, r.reused, r.computed])).toEqual([
      ['a', 1, 5],
      ['b', 1, 5], // the fake library has the vector under every model id
    ]);
    expect(calls.embedded).toBe(10);
    expect(calls.texts.slice(0, 2)).toEqual(['a photo of a blue.', 'a blue thing.']);
    const [a] = classification;
    expect(a!.classes).toEqual(['blue', 'green', 'red']);
    expect(a!.report.top1).toBeCloseTo(5 / 6);
    expect(a!.report.confusion[2]).toEqual([1, 0, 2]); // truth red: one predicted blue
  });

  it('leaves out and lists photos that cannot be decoded', async () => {
    const { deps } = fakeDeps();
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles([...files, photo('colors/green/bad.png', 'broken')]);
    await evaluation.runClassification();
    const [result] = evaluation.store.get().classification;
    expect(result!.failed).toEqual([{ path: 'colors/green/bad.png', reason: 'damaged or truncated image' }]);
    expect(result!.photos).toHaveLength(6);
  });

  it('says what is missing when the folder has no class subfolders', async () => {
    const { deps, calls } = fakeDeps();
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles([photo('flat/1.png', 'red'), photo('flat/2.png', 'blue')]);
    await evaluation.runClassification();
    expect(evaluation.store.get().message).toMatch(/two class subfolders/);
    expect(calls.loads).toEqual([]);
  });

  it('stops on cancel, keeps the models restored and says so', async () => {
    const { deps } = fakeDeps();
    const slow: EvalDeps = {
      ...deps,
      embedImages: (_id, _crops, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      inputSize: async () => {
        queueMicrotask(() => evaluation.cancel());
        return 2;
      },
    };
    const evaluation = new Evaluation(slow, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles(files);
    await evaluation.runClassification();
    expect(evaluation.store.get().message).toBe('Evaluation cancelled.');
    expect(evaluation.store.get().progress).toBeNull();
  });
});

describe('Evaluation: split, linear probe and retrieval', () => {
  it('shows the default split and keeps the share and seed it is given in range', () => {
    const evaluation = new Evaluation(fakeDeps().deps, { embedderId: 'a', captionerId: 'cap' });
    expect(evaluation.store.get().split).toEqual({ validationShare: 0.3, seed: 42 });
    evaluation.setValidationShare(0.9);
    evaluation.setSeed(-7.6);
    expect(evaluation.store.get().split).toEqual({ validationShare: 0.5, seed: 7 });
    evaluation.setValidationShare(0.01);
    evaluation.setSeed(Number.NaN);
    expect(evaluation.store.get().split).toEqual({ validationShare: 0.1, seed: 7 });
  });

  it('splits the embedded photos with the seed and share set, trains on one half and scores the other', async () => {
    const { deps, calls } = fakeDeps();
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles(files);
    evaluation.setSeed(7);
    evaluation.setValidationShare(0.5);
    await evaluation.runClassification();
    const [result] = evaluation.store.get().classification;
    const { split } = result!;
    const expected = splitStratified(
      result!.photos.map((p) => p.truth),
      { validationShare: 0.5, seed: 7 },
    );
    // blue: 2 photos, 1 held out; red: 3 photos, round(1.5) = 2 held out; green: 1 photo, too few to split
    expect(split).toMatchObject({ seed: 7, validationShare: 0.5, train: 2, validation: 3, tooSmall: ['green'] });
    const pathsOf = (indices: number[]) => indices.map((i) => result!.photos[i]!.path);
    expect(split!.probe!.photos.map((p) => p.path)).toEqual(pathsOf(expected.validation));
    expect(calls.splits).toHaveLength(1);
    expect(calls.splits[0]!.train.labels).toEqual(expected.train.map((i) => result!.photos[i]!.truth));
    expect(calls.splits[0]!.validation.vectors).toHaveLength(3);
    expect(split!.probe!.report.confusion.flat().reduce((a, b) => a + b)).toBe(3); // validation photos only
    expect(split!.retrieval!.k).toBe(3); // k = 100 capped at the validation photos
    expect(split!.retrieval!.perClass[1]).toBeNull(); // green has no training photo
  });

  it('reports the classes too small to split and skips the probe when fewer than two classes can train', async () => {
    const { deps, calls } = fakeDeps();
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles([
      photo('c/red/1.png', 'red'),
      photo('c/red/2.png', 'red'),
      photo('c/green/1.png', 'green'),
    ]);
    await evaluation.runClassification();
    const [result] = evaluation.store.get().classification;
    expect(result!.split).toMatchObject({ tooSmall: ['green'], train: 1, validation: 1, probe: null, retrieval: null });
    expect(result!.photos).toHaveLength(3); // zero-shot still evaluates every photo
    expect(calls.splits).toHaveLength(0);
  });

  it('cancels while the probe trains, with the step shown until then', async () => {
    const { deps } = fakeDeps();
    const steps: (string | undefined)[] = [];
    const slow: EvalDeps = {
      ...deps,
      evaluateSplit: (_input, signal) => {
        steps.push(evaluation.store.get().progress?.step);
        queueMicrotask(() => evaluation.cancel());
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
    };
    const evaluation = new Evaluation(slow, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles(files);
    await evaluation.runClassification();
    expect(steps).toEqual(['Training the linear probe on 3 photos']);
    expect(evaluation.store.get().message).toBe('Evaluation cancelled.');
    expect(evaluation.store.get().classification).toEqual([]);
  });
});

describe('Evaluation: captions', () => {
  it('captions the photos named in the references (reusing stored captions) and scores them', async () => {
    const { deps, calls } = fakeDeps(new Map(), new Map([['hash:green:colors/green/1.png', 'a green picture']]));
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.setFiles([
      ...files,
      {
        file: new File(
          [
            JSON.stringify({
              '1.png': 'x',
              'red/1.png': ['a red picture'],
              'green/1.png': 'a green picture',
              'blue/2.png': 'a blue picture',
              'nope.png': 'y',
            }),
          ],
          'refs.json',
        ),
        path: 'colors/refs.json',
      },
    ]);
    expect(evaluation.store.get().references?.fileName).toBe('refs.json');
    await evaluation.runCaptions();
    const { captions } = evaluation.store.get();
    expect(captions!.photos.map((p) => p.path)).toEqual([
      'colors/blue/2.png',
      'colors/green/1.png',
      'colors/red/1.png',
    ]);
    expect([captions!.reused, captions!.computed, calls.captioned]).toEqual([1, 2, 2]);
    expect(captions!.metrics.bleu[3]).toBe(1);
    expect(captions!.metrics.rougeL).toBe(1);
  });
});

describe('Evaluation: the library as the set', () => {
  it('classifies the library by its folders from the stored vectors only, embedding and decoding nothing', async () => {
    const library = [
      { id: 'r1', path: 'Trips/red/1.png' },
      { id: 'r2', path: 'Trips/red/2.png' },
      { id: 'g1', path: 'green/1.png' },
      { id: 'g2', path: 'green/2.png' },
      { id: 'b1', path: 'Trips/blue/1.png' },
      { id: 'b2', path: 'Trips/blue/2.png' },
      { id: 'loose', path: 'loose.png' }, // in no folder: no class
      { id: 'unstored', path: 'green/3.png' }, // no vector for the model: reported, not embedded
    ];
    const stored = new Map([
      ['r1', axis(0)],
      ['r2', axis(0)],
      ['g1', axis(1)],
      ['g2', axis(2)], // a blue photo filed under green
      ['b1', axis(2)],
      ['b2', axis(2)],
    ]);
    const { deps, calls } = fakeDeps(stored, new Map(), library);
    const evaluation = new Evaluation(deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.useLibrary();
    const { dataset } = evaluation.store.get();
    expect(dataset?.source).toBe('library');
    expect(dataset?.classes).toEqual(['blue', 'green', 'red']);
    await evaluation.runClassification();
    const [result] = evaluation.store.get().classification;
    expect(calls.embedded).toBe(0);
    expect(result!.reused).toBe(6);
    expect(result!.computed).toBe(0);
    expect(result!.failed.map((f) => f.path)).toEqual(['green/3.png']);
    expect(result!.report.top1).toBeCloseTo(5 / 6, 12);
    expect(result!.map?.points).toHaveLength(12);
    expect(await (await evaluation.photoImage('Trips/red/1.png'))?.text()).toBe('r1');
  });

  it('says so when the library is empty', async () => {
    const evaluation = new Evaluation(fakeDeps().deps, { embedderId: 'a', captionerId: 'cap' });
    await evaluation.useLibrary();
    expect(evaluation.store.get().message).toBe('The library has no photos yet.');
  });
});
