import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJpegShrunkUpright, shrinkFactor } from './shrink';

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

/**
 * The browser's DCT-scaled decode, with a stand-in for WebCodecs: `decoded` is the (upright) size the stand-in
 * hands back; what it was asked for is recorded.
 */
function fakeBrowser(decoded: { width: number; height: number }) {
  const asked: ImageDecoderInit[] = [];
  const closed: string[] = [];
  class FakeVideoFrame {
    get rotation() {
      return 0;
    }
    close() {
      closed.push('frame');
    }
  }
  class FakeImageDecoder {
    constructor(init: ImageDecoderInit) {
      asked.push(init);
    }
    async decode() {
      return { image: new FakeVideoFrame(), complete: true };
    }
    close() {
      closed.push('decoder');
    }
  }
  vi.stubGlobal('VideoFrame', FakeVideoFrame);
  vi.stubGlobal('ImageDecoder', FakeImageDecoder);
  vi.stubGlobal('createImageBitmap', async () => ({ ...decoded, close: () => closed.push('bitmap') }));
  return { asked, closed };
}

describe('decodeJpegShrunkUpright in a browser that scales JPEGs itself', () => {
  afterEach(() => void vi.unstubAllGlobals());
  const bytes = new Uint8Array([0xff, 0xd8]);

  it('asks the browser for the scaled size and takes its upright bitmap', async () => {
    const { asked, closed } = fakeBrowser({ width: 375, height: 500 }); // orientation 6: stored 4000 x 3000
    const [bitmap, decoder] = await decodeJpegShrunkUpright(bytes, { width: 4000, height: 3000 }, 6, 8);
    expect(decoder).toBe('browser-shrink');
    expect([bitmap.width, bitmap.height]).toEqual([375, 500]);
    expect(asked[0]).toMatchObject({ type: 'image/jpeg', desiredWidth: 500, desiredHeight: 375 });
    expect(closed).toEqual(['frame', 'decoder']);
  });

  it('rounds the asked size up, as libjpeg does', async () => {
    const { asked } = fakeBrowser({ width: 321, height: 224 });
    await decodeJpegShrunkUpright(bytes, { width: 2561, height: 1785 }, 1, 8);
    expect(asked[0]).toMatchObject({ desiredWidth: 321, desiredHeight: 224 });
  });

  it('rejects a bitmap that is not the upright scaled size (not scaled, or not turned), closing it', async () => {
    const stored = { width: 4000, height: 3000 };
    const unscaled = fakeBrowser({ width: 4000, height: 3000 });
    await expect(decodeJpegShrunkUpright(bytes, stored, 1, 8)).rejects.toThrow(/not 500 x 375/);
    expect(unscaled.closed).toContain('bitmap');
    fakeBrowser({ width: 500, height: 375 }); // orientation 6 should have come back 375 x 500
    await expect(decodeJpegShrunkUpright(bytes, stored, 6, 8)).rejects.toThrow(/not 375 x 500/);
  });
});
