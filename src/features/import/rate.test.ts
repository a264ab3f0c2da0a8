import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate';

describe('RateMeter', () => {
  it('reports 0 until enough time has passed, then items per second', () => {
    const meter = new RateMeter(10_000);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1, 100)).toBe(0);
    expect(meter.sample(8, 2000)).toBeCloseTo(4);
  });

  it('forgets what is older than its window, so the rate follows the current speed', () => {
    const meter = new RateMeter(1000);
    meter.sample(0, 0);
    meter.sample(100, 1000); // fast start: 100/s
    meter.sample(101, 2000);
    expect(meter.sample(102, 3000)).toBeCloseTo(1);
  });

  it('stays steady when batches of any size arrive at a steady photo rate (no jump per batch)', () => {
    // 5 photos/s underneath; the pipeline commits whatever the engine took: 1, 4, 8, 3, 8, 2, 8 ... photos.
    const meter = new RateMeter(10_000);
    const sizes = [1, 4, 8, 3, 8, 2, 8, 8, 5, 8, 1, 8, 8, 7, 8, 4, 8, 8, 6, 8];
    let done = 0;
    meter.sample(0, 0);
    const rates: number[] = [];
    for (const n of sizes) {
      done += n;
      rates.push(meter.sample(done, (done / 5) * 1000));
    }
    const settled = rates.slice(4);
    for (const r of settled) expect(r).toBeCloseTo(5, 5);
  });

  it('moves smoothly as old samples leave the window, instead of jumping by a whole batch', () => {
    const meter = new RateMeter(4000);
    meter.sample(0, 0);
    meter.sample(40, 1000); // a burst: 40 in the first second
    meter.sample(44, 4000);
    const before = meter.sample(45, 4500); // the window [500, 4500] still holds half the burst
    const after = meter.sample(46, 5000); // [1000, 5000]: the burst has left
    expect(before).toBeCloseTo((45 - 20) / 4, 5);
    expect(after).toBeCloseTo((46 - 40) / 4, 5);
  });

  it('leaves paused time out', () => {
    const meter = new RateMeter(10_000);
    meter.sample(0, 0);
    meter.sample(10, 2000); // 5/s
    meter.pause(2000);
    meter.resume(62_000); // a minute away
    expect(meter.sample(15, 63_000)).toBeCloseTo(5);
  });

  it('starts over after reset', () => {
    const meter = new RateMeter(10_000);
    meter.sample(0, 0);
    meter.sample(50, 1000);
    meter.reset();
    expect(meter.sample(0, 5000)).toBe(0);
  });
});
