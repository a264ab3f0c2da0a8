import { describe, expect, it } from 'vitest';
import { coreBudget } from './coreBudget';
import { MAX_DECODE_WORKERS, MAX_DECODE_WORKERS_WEBGPU } from './tunables';

describe('coreBudget', () => {
  it('on 1-2 cores with WASM keeps every core for ORT and decodes in one worker', () => {
    expect(coreBudget({ cores: 2, webgpu: false })).toMatchObject({ decodeWorkers: 1, ortThreads: 2 });
    expect(coreBudget({ cores: 1, webgpu: false })).toMatchObject({ decodeWorkers: 1, ortThreads: 1 });
  });

  it('on more cores with WASM never oversubscribes them: decode workers + ORT threads = cores', () => {
    for (const cores of [3, 4, 6, 8, 12, 16, 64]) {
      const b = coreBudget({ cores, webgpu: false });
      expect(b.decodeWorkers + b.ortThreads, `${cores} cores`).toBe(cores);
      expect(b.decodeWorkers).toBeGreaterThanOrEqual(1);
      expect(b.decodeWorkers).toBeLessThanOrEqual(MAX_DECODE_WORKERS);
    }
    expect(coreBudget({ cores: 8, webgpu: false })).toMatchObject({ decodeWorkers: 2, ortThreads: 6 });
  });

  it('with the model on WebGPU gives decoding every core but one, up to its pool', () => {
    expect(coreBudget({ cores: 4, webgpu: true }).decodeWorkers).toBe(3);
    expect(coreBudget({ cores: 64, webgpu: true }).decodeWorkers).toBe(MAX_DECODE_WORKERS_WEBGPU);
    expect(coreBudget({ cores: 2, webgpu: true }).decodeWorkers).toBe(1);
  });

  it('treats a missing or odd core count as one core', () => {
    expect(coreBudget({ cores: 0, webgpu: false })).toMatchObject({ cores: 1, decodeWorkers: 1, ortThreads: 1 });
    expect(coreBudget({ cores: Number.NaN, webgpu: false }).cores).toBe(1);
  });
});
