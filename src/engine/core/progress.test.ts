import { describe, expect, it } from 'vitest';
import {
  initialLoadProgress,
  loadFraction,
  progressFromTransformers,
  reduceLoadProgress,
  type ProgressEvent,
} from './progress';

function run(events: ProgressEvent[]) {
  return events.reduce(reduceLoadProgress, initialLoadProgress);
}

describe('reduceLoadProgress', () => {
  it('sums bytes across files and reports a fraction', () => {
    const state = run([
      { status: 'initiate', file: 'onnx/text_model_quantized.onnx' },
      { status: 'initiate', file: 'onnx/vision_model_quantized.onnx' },
      { status: 'progress', file: 'onnx/text_model_quantized.onnx', loaded: 50, total: 100 },
      { status: 'progress', file: 'onnx/vision_model_quantized.onnx', loaded: 100, total: 300 },
    ]);
    expect(state.phase).toBe('loading');
    expect(state.loaded).toBe(150);
    expect(state.total).toBe(400);
    expect(loadFraction(state)).toBeCloseTo(0.375);
  });
  it('marks a file complete on done, then warms up, then is ready', () => {
    let state = run([
      { status: 'progress', file: 'a.onnx', loaded: 10, total: 40 },
      { status: 'done', file: 'a.onnx' },
    ]);
    expect(state.files['a.onnx']).toEqual({ loaded: 40, total: 40, done: true });
    state = reduceLoadProgress(state, { status: 'warmup' });
    expect(state.phase).toBe('warming-up');
    state = reduceLoadProgress(state, { status: 'loaded' });
    expect(loadFraction(state)).toBe(1);
  });
  it('records failures and ignores unknown events', () => {
    const failed = run([{ status: 'failed', error: 'network' }]);
    expect(failed.phase).toBe('error');
    expect(failed.error).toBe('network');
  });
  it("types transformers.js' events at the boundary and drops what it has no use for", () => {
    expect(progressFromTransformers({ status: 'progress', file: 'a.onnx', loaded: 1, total: 4, progress: 25 })).toEqual(
      { status: 'progress', file: 'a.onnx', loaded: 1, total: 4 },
    );
    expect(progressFromTransformers({ status: 'initiate', name: 'm', file: 'config.json' })).toEqual({
      status: 'initiate',
      file: 'config.json',
    });
    expect(progressFromTransformers({ status: 'ready', task: 'x', model: 'm' })).toEqual({ status: 'ready' });
    expect(progressFromTransformers({ status: 'progress_total', progress: 10 })).toBeNull();
    expect(progressFromTransformers({ status: 'progress', file: 'a.onnx', loaded: '1' })).toBeNull();
    expect(progressFromTransformers({ status: 'done' })).toBeNull();
    expect(progressFromTransformers(null)).toBeNull();
  });
  it('knows no fraction before sizes arrive', () => {
    expect(loadFraction(run([{ status: 'initiate', file: 'x' }]))).toBeNull();
  });
});
