import { describe, expect, it } from 'vitest';
import { Evaluation, type EvalDeps } from './evaluate';

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
}

function fakeDeps(stored: Map<string, Float32Array> = new Map(), storedCaptions = new Map<string, string>()) {
  const calls: Calls = { embedded: 0, texts: [], captioned: 0, loads: [], restored: 0 };
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
