import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate';

describe('RateMeter', () => {
  it('reports 0 until enough time has passed, then items per second', () => {
    const meter = new RateMeter(10_000);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1, 100)).toBe(0);
    expect(meter.sample(8, 2000)).toBeCloseTo(4);
  });

  it('forgets samples older than its window, so the rate follows the current speed', () => {
    const meter = new RateMeter(1000);
    meter.sample(0, 0);
    meter.sample(100, 1000); // fast start: 100/s
    meter.sample(101, 2000);
    expect(meter.sample(102, 3000)).toBeCloseTo(1);
  });

  it('starts over after reset', () => {
    const meter = new RateMeter(10_000);
    meter.sample(0, 0);
    meter.sample(50, 1000);
    meter.reset();
    expect(meter.sample(0, 5000)).toBe(0);
  });
});
