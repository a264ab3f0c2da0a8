import { describe, expect, it } from 'vitest';
import { checkSmoke } from './report.mjs';

/** The shape summarize() gives a smoke run (trimmed to what checkSmoke reads, plus a nested list and object). */
function soundRun() {
  return {
    command: 'npm run bench -- --smoke',
    machine: { cores: 2, crossOriginIsolated: true, webgpu: null },
    indexing: {
      appPerSec: 1.1,
      modelCeilingPerSec: 48.6,
      decodeCeilingPerSec: 16,
      usualPerSec: 3.5,
      engineOnlyPerSec: 49,
      appRoundsPerSec: [1.1],
      decodePathsPerSec: { 'bitmap-then-resize': 12, 'app-decoder': 4.4 },
      indexed: 4,
      problems: 0,
    },
    engine: { imageOverSession: 0.97, textOverSession: 0.95, queryTokens: [7, 4, 16] },
    search: { 1000: { rankMs: 2, agreementAt50: 1 } },
    text: { appMs: 27 },
    open100k: { photos: 1000, matches: 0 },
    indexInto100k: { libraryPhotos: 1000, photos: 2, longestTaskMs: 30 },
    relabel10k: { ms: 300 },
    probe: { trainMs: 40, labelMs: 3, accuracy: 1 },
    timeline: { tiles: 60, headers: 4 },
    refine: {
      n: 1000,
      plainMs: 1,
      refinedMs: 1.2,
      ratio: 1.2,
      broadMs: 1.1,
      broadRatio: 1.1,
      passingMedian: 20,
      threads: 1,
    },
    duplicates: { ms: 90, recall: 1, extraPhotos: 0 },
  };
}
const expected = { photos: 2, libraryPhotos: 1000 };

describe('checkSmoke', () => {
  it('passes a run where every stage reported', () => {
    expect(checkSmoke(soundRun(), expected)).toEqual([]);
  });

  it('fails a timeline that rendered no tiles or no day headers', () => {
    const run = soundRun();
    run.timeline.headers = 0;
    expect(checkSmoke(run, expected)).toEqual(['the timeline showed 60 tiles and 0 day headers']);
  });

  it('names a figure that is missing or not a number, wherever it sits', () => {
    const run = soundRun();
    run.indexing.appRoundsPerSec = [NaN];
    (run.engine as Record<string, unknown>)['textOverSession'] = undefined;
    (run.search as Record<string, unknown>)['1000'] = { rankMs: null, agreementAt50: 1 };
    const problems = checkSmoke(run, expected);
    expect(problems).toContain('results.indexing.appRoundsPerSec.0 is NaN');
    expect(problems).toContain('results.engine.textOverSession is undefined');
    expect(problems).toContain('results.search.1000.rankMs is null');
  });

  it('fails a stage that is gone or measured nothing', () => {
    const { engine: _engine, ...run } = soundRun();
    run.indexing.usualPerSec = 0;
    const problems = checkSmoke(run, expected);
    expect(problems).toContain('engine.imageOverSession is undefined, not > 0');
    expect(problems).toContain('indexing.usualPerSec is 0, not > 0');
  });

  it('fails an import that lost photos, a library read short, a search that disagrees, a page not isolated', () => {
    const run = soundRun();
    run.indexing.indexed = 1;
    run.indexing.problems = 1;
    run.open100k.photos = 999;
    run.indexInto100k.libraryPhotos = 998;
    run.search[1000].agreementAt50 = 0.5;
    run.machine.crossOriginIsolated = false;
    run.probe.accuracy = 0.25;
    expect(checkSmoke(run, expected)).toEqual([
      'the app reported 1 problems importing',
      'the app indexed 1 of 2 photos',
      'the opened library has 999 photos, not 1000',
      'indexing 2 photos into a library of 998, not 1000',
      'search 1000: top-50 agreement 0.5 < 0.9',
      'the probe labelled 0.25 of its photos right',
      'the bench page is not cross-origin isolated',
    ]);
  });

  it('fails a grouping that missed a planted pair or grouped photos that were not', () => {
    const run = soundRun();
    run.duplicates = { ms: 90, recall: 0.99, extraPhotos: 2 };
    expect(checkSmoke(run, expected)).toEqual([
      'near-duplicates found 0.99 of the planted pairs',
      'near-duplicates grouped 2 extra',
    ]);
  });
});
