import { describe, expect, it } from 'vitest';
import { pixelSpecFromProcessorConfig, rgbaToPixelValues } from './pixels';

const clipConfig = {
  crop_size: 224,
  size: { shortest_edge: 224 },
  do_normalize: true,
  image_mean: [0.48145466, 0.4578275, 0.40821073],
  image_std: [0.26862954, 0.26130258, 0.27577711],
  do_rescale: true,
  rescale_factor: 1 / 255,
};

describe('pixelSpecFromProcessorConfig', () => {
  it('reads CLIP preprocessing from the real config fields', () => {
    const spec = pixelSpecFromProcessorConfig(clipConfig);
    expect(spec.size).toBe(224);
    expect(spec.mean[0]).toBeCloseTo(0.48145466);
    expect(spec.std[2]).toBeCloseTo(0.27577711);
    expect(spec.rescale).toBeCloseTo(1 / 255);
  });
  it('reads crop_size given as height/width and skips normalization when disabled', () => {
    const spec = pixelSpecFromProcessorConfig({ crop_size: { height: 256, width: 256 }, do_normalize: false });
    expect(spec.size).toBe(256);
    expect(spec.mean).toEqual([0, 0, 0]);
    expect(spec.std).toEqual([1, 1, 1]);
  });
});

describe('rgbaToPixelValues', () => {
  it('writes NCHW planes normalized with mean and std, dropping alpha', () => {
    const spec = { size: 2, mean: [0.5, 0.5, 0.5], std: [0.5, 0.25, 1], rescale: 1 / 255 } as const;
    const red = new Uint8ClampedArray(16);
    for (let i = 0; i < 4; i++) red.set([255, 0, 51, 7], i * 4);
    const out = rgbaToPixelValues([red], spec);
    expect(out.length).toBe(12);
    expect(out[0]).toBeCloseTo((1 - 0.5) / 0.5); // R plane
    expect(out[4]).toBeCloseTo((0 - 0.5) / 0.25); // G plane
    expect(out[8]).toBeCloseTo(0.2 - 0.5); // B plane
  });
  it('rejects a crop of the wrong size instead of embedding garbage', () => {
    const spec = { size: 2, mean: [0, 0, 0], std: [1, 1, 1], rescale: 1 } as const;
    expect(() => rgbaToPixelValues([new Uint8ClampedArray(12)], spec)).toThrow(/2x2/);
  });
});
