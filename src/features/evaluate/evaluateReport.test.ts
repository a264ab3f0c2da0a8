import { describe, expect, it } from 'vitest';
import { splitStratified } from '../../search/split';
import {
  captionResult,
  classificationResult,
  effectiveBleu,
  reportCsv,
  splitInputOf,
  splitResult,
} from './evaluateReport';
import { splitEvaluate } from './splitEvaluate';
import { csvRows } from './evaluateData';

/** A unit vector along axis `i` of 4, nudged so photos of one class are near but not identical. */
const axis = (i: number, nudge = 0) => Float32Array.from({ length: 4 }, (_, j) => (j === i ? 1 : nudge));
const classes = ['red', 'green', 'blue'];
const classEmbeddings = [axis(0), axis(1), axis(2)];
const base = {
  modelId: 'm',
  modelName: 'M',
  classes,
  templates: ['{}'],
  classEmbeddings,
  knnK: 1,
  reused: 0,
  computed: 6,
  failed: [],
};

describe('classificationResult', () => {
  it('scores a perfectly separated set as 100%', () => {
    const photos = [0, 0, 1, 1, 2, 2].map((c, i) => ({
      path: `s/${classes[c]}/${i}.png`,
      truth: c,
      embedding: axis(c, i * 0.01),
    }));
    const result = classificationResult({ ...base, photos });
    expect(result.report.top1).toBe(1);
    expect(result.report.macro.f1).toBe(1);
    expect(result.knn).toEqual({ k: 1, accuracy: 1 });
    expect(result.report.confusion).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    expect(result.photos[0]!.confidence).toBeGreaterThan(0.99);
  });

  it('puts a mislabelled photo off the diagonal', () => {
    const photos = [
      { path: 's/red/a.png', truth: 0, embedding: axis(0) },
      { path: 's/red/b.png', truth: 0, embedding: axis(0, 0.01) },
      { path: 's/red/blue-really.png', truth: 0, embedding: axis(2) },
      { path: 's/blue/c.png', truth: 2, embedding: axis(2, 0.01) },
    ];
    const result = classificationResult({ ...base, photos });
    expect(result.report.top1).toBe(0.75);
    expect(result.report.confusion[0]).toEqual([2, 0, 1]);
    expect(result.photos[2]).toMatchObject({ truth: 0, predicted: 2, knnPredicted: 2 });
    expect(result.knn.accuracy).toBe(0.5); // the blue photo's nearest neighbour is the mislabelled one
  });

  it('caps k at the smallest class size - 1, so well separated classes can win their vote', () => {
    const photos = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2].map((c, i) => ({
      path: `${i}`,
      truth: c,
      embedding: axis(c, i * 0.01),
    }));
    const result = classificationResult({ ...base, knnK: 5, photos });
    expect(result.knn).toEqual({ k: 2, accuracy: 1 });
    const two = [0, 1].map((c) => ({ path: `${c}`, truth: c, embedding: axis(c) }));
    expect(classificationResult({ ...base, knnK: 10, photos: two }).knn.k).toBe(1);
  });

  it("reports each model's own probability: CLIP's softmax over the classes, SigLIP's sigmoid of the winner", () => {
    // Cosine 0.3 with red, 0 with the others: a clear winner to a softmax at scale 100, a weak match to a sigmoid.
    const weakRed = Float32Array.from([0.3, 0, 0, Math.sqrt(1 - 0.09)]);
    const photos = [{ path: 'r.png', truth: 0, embedding: weakRed }];
    const clip = classificationResult({ ...base, modelId: 'clip-vit-base-patch32', photos }).photos[0]!;
    const siglip = classificationResult({ ...base, modelId: 'fixture-color-siglip', photos }).photos[0]!;
    expect(clip.predicted).toBe(0);
    expect(siglip.predicted).toBe(0);
    expect(clip.confidence).toBeCloseTo(1 / (1 + 2 * Math.exp(-30)), 6);
    expect(siglip.confidence).toBeCloseTo(1 / (1 + Math.exp(-(10 * 0.3 - 5))), 6); // ~0.12
  });
});

describe('captionResult', () => {
  const run = (pairs: [string, string[]][]) =>
    captionResult({
      modelId: 'c',
      modelName: 'C',
      photos: pairs.map(([generated, references], i) => ({ path: `${i}.png`, generated, references })),
      reused: 0,
      computed: pairs.length,
      failed: [],
    });

  it('gives 1 for captions equal to the references, BLEU-4 of three-word captions by effective order', () => {
    const { metrics } = run([
      ['a red picture', ['a red picture']],
      ['a blue picture', ['a blue picture']],
    ]);
    expect(metrics.bleu).toEqual([1, 1, 1, 1]);
    expect(metrics.bleuStrict).toEqual([1, 1, 1, 0]);
    expect(metrics.effectiveOrder).toBe(3);
    expect(metrics.rougeL).toBe(1);
    expect(metrics.ciderD).toBeGreaterThan(0);
  });

  it('gives 0 for unrelated references', () => {
    const { metrics } = run([
      ['a red picture', ['two dogs running']],
      ['a blue picture', ['cars on the street']],
    ]);
    expect(metrics.bleu).toEqual([0, 0, 0, 0]);
    expect(metrics.rougeL).toBe(0);
    expect(metrics.ciderD).toBe(0);
    expect(metrics.meteor).toBe(0);
  });

  it('keeps a missing order that exists at 0', () => {
    expect(effectiveBleu([0.5, 0, 0, 0], 4)).toEqual([0.5, 0, 0, 0]);
    expect(effectiveBleu([0.5, 0.4, 0, 0], 2)).toEqual([0.5, 0.4, 0.4, 0.4]);
    expect(effectiveBleu([0, 0, 0, 0], 0)).toEqual([0, 0, 0, 0]);
  });
});

describe('reportCsv', () => {
  it('writes a row per photo and per figure, quoting captions', () => {
    const photos = [0, 1].map((c) => ({ path: `s/${classes[c]}/x.png`, truth: c, embedding: axis(c) }));
    const classification = classificationResult({ ...base, photos });
    const captions = captionResult({
      modelId: 'cap',
      modelName: 'Cap',
      photos: [{ path: 's/red/x.png', generated: 'a red, picture', references: ['one', 'two'] }],
      reused: 0,
      computed: 1,
      failed: [],
    });
    const rows = csvRows(reportCsv([classification], captions).trim());
    expect(rows[0]).toEqual([
      'task',
      'model',
      'file',
      'truth',
      'prediction',
      'score',
      'correct',
      'rouge_l',
      'meteor',
      'cider_d',
      'metric',
      'value',
    ]);
    expect(rows[1]!.slice(0, 5)).toEqual(['classification', 'm', 's/red/x.png', 'red', 'red']);
    expect(rows[3]!.slice(0, 5)).toEqual(['captions', 'cap', 's/red/x.png', 'one | two', 'a red, picture']);
    const top1 = rows.find((r) => r[10] === 'top1')!;
    expect(top1[11]).toBe('1');
    expect(rows.some((r) => r[10] === 'bleu4')).toBe(true);
    expect(rows.every((r) => r.length === 12)).toBe(true);
  });
});

describe('the split in the report', () => {
  // red and blue: four photos each, near their axis; green: one photo (too few to split)
  const photos = [0, 0, 0, 0, 2, 2, 2, 2, 1].map((c, i) => ({
    path: `s/${classes[c]}/${i}.png`,
    truth: c,
    embedding: axis(c, 0.01 * (i + 1)),
  }));
  const split = splitStratified(
    photos.map((p) => p.truth),
    { validationShare: 0.5, seed: 3 },
  );

  it('feeds the training half to the probe and the validation half to its report, green left out', () => {
    const input = splitInputOf(split, photos, 3, 100)!;
    expect(input.train.labels).toEqual(split.train.map((i) => photos[i]!.truth));
    expect(input.validation.vectors).toEqual(split.validation.map((i) => photos[i]!.embedding));
    const result = splitResult(split, classes, photos, splitEvaluate(input));
    expect(result).toMatchObject({ seed: 3, validationShare: 0.5, train: 4, validation: 4, tooSmall: ['green'] });
    expect(result.probe!.photos.map((p) => [p.path, p.truth])).toEqual(
      split.validation.map((i) => [photos[i]!.path, photos[i]!.truth]),
    );
    expect(result.probe!.report.top1).toBe(1);
    expect(result.probe!.report.confusion).toEqual([
      [2, 0, 0],
      [0, 0, 0],
      [0, 0, 2],
    ]);
    expect(result.retrieval).toMatchObject({ k: 4, mean: 1, perClass: [1, null, 1], neighboursPerClass: [2, 0, 2] });
  });

  it('has nothing to train when only one class has photos in both halves', () => {
    const one = photos.filter((p) => p.truth !== 2);
    const oneSplit = splitStratified(
      one.map((p) => p.truth),
      { validationShare: 0.5, seed: 3 },
    );
    expect(splitInputOf(oneSplit, one, 3, 100)).toBeNull();
  });

  it('goes into the CSV: seed, share, sizes, the classes left out, the probe per photo and per class, retrieval', () => {
    const figures = splitEvaluate(splitInputOf(split, photos, 3, 100)!);
    const result = classificationResult({
      ...base,
      photos,
      split: splitResult(split, classes, photos, figures),
    });
    const rows = csvRows(reportCsv([result], null).trim());
    const figure = (task: string, metric: string) => rows.find((r) => r[0] === task && r[10] === metric)?.[11];
    expect(figure('split', 'seed')).toBe('3');
    expect(figure('split', 'validation_share')).toBe('0.5');
    expect(figure('split', 'train_photos')).toBe('4');
    expect(figure('split', 'validation_photos')).toBe('4');
    expect(figure('split', 'too_few_photos:green')).toBe('1');
    expect(figure('linear_probe', 'accuracy')).toBe('1');
    expect(figure('linear_probe', 'f1:blue')).toBe('1');
    expect(figure('retrieval', 'mean_k4')).toBe('1');
    expect(figure('retrieval', 'class:red')).toBe('1');
    expect(figure('retrieval', 'class:green')).toBeUndefined(); // no training photo: no figure
    expect(figure('linear_probe', 'f1:green')).toBeUndefined(); // too few photos: not evaluated, not a row of zeros
    const probeRows = rows.filter((r) => r[0] === 'linear_probe' && r[2] !== '');
    expect(probeRows.map((r) => r[2])).toEqual(split.validation.map((i) => photos[i]!.path));
    expect(probeRows.every((r) => r[6] === '1')).toBe(true);
    expect(rows.every((r) => r.length === 12)).toBe(true);
  });
});
