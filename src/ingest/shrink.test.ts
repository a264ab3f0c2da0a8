import { describe, expect, it } from 'vitest';
import { shrinkFactor } from './shrink';

describe('shrinkFactor', () => {
  it('decodes a 12 MP photo at 1/8: 500 x 375 still covers a 224 crop and a 320 thumbnail', () => {
    expect(shrinkFactor({ width: 4000, height: 3000 }, 224, 320)).toBe(8);
    expect(shrinkFactor({ width: 3000, height: 4000 }, 224, 320)).toBe(8);
  });

  it('picks the largest scale whose short side still covers the model input', () => {
    expect(shrinkFactor({ width: 1800, height: 1200 }, 224, 320)).toBe(4); // 450 x 300; 1/8 would be 225 x 150
    expect(shrinkFactor({ width: 4000, height: 3000 }, 448, 320)).toBe(4); // a bigger model input
    expect(shrinkFactor({ width: 1000, height: 500 }, 224, 320)).toBe(2);
  });

  it('keeps the long side at least the thumbnail size, even where the crop would allow more', () => {
    // 1/8 of 2400 x 1800 is 300 x 225: covers 224, but the thumbnail's 320 long side would be enlarged.
    expect(shrinkFactor({ width: 2400, height: 1800 }, 224, 320)).toBe(4);
  });

  it('rounds a scaled size up, as libjpeg does', () => {
    expect(shrinkFactor({ width: 2560, height: 1785 }, 224, 320)).toBe(8); // ceil(1785 / 8) = 224
    expect(shrinkFactor({ width: 2560, height: 1784 }, 224, 320)).toBe(4); // 223
  });

  it('decodes small pictures at full size', () => {
    expect(shrinkFactor({ width: 640, height: 400 }, 224, 320)).toBe(1);
    expect(shrinkFactor({ width: 64, height: 64 }, 224, 320)).toBe(1);
  });
});
