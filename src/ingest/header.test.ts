import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPixelSize } from './header';
import { sniffKind } from './sniff';

const photo = (path: string) => new Uint8Array(readFileSync(resolve('../shared/test-photos', path)));

function claimed(path: string) {
  const bytes = photo(path);
  const kind = sniffKind(bytes);
  if (!kind) throw new Error(`${path} is not a picture`);
  return readPixelSize(bytes, kind);
}

describe('readPixelSize', () => {
  it.each([
    ['formats/hopper.jpg', 128, 128],
    ['formats/hopper.png', 128, 128],
    ['formats/hopper.gif', 128, 128],
    ['formats/hopper.webp', 128, 128],
    ['formats/hopper.bmp', 128, 128],
    ['formats/hopper.tif', 128, 128],
    ['formats/hopper.heif', 128, 128],
    ['formats/hopper.avif', 128, 128],
    ['formats/chi.gif', 320, 240],
    ['formats/transparent.gif', 200, 150],
    ['formats/icc_profile_big.jpg', 425, 250], // SOF after a 500 KB ICC profile
    ['formats/hopper_16bit_qtables.jpg', 128, 128],
    ['formats/ultrahdr.jpg', 1512, 2688],
    ['broken/truncated_jpeg.jpg', 100, 100],
    ['broken/invalid-exif.jpg', 200, 200],
  ])('%s claims %i x %i', (path, width, height) => {
    expect(claimed(path)).toEqual({ width, height });
  });

  it('sees through a GIF whose frame claims far more than its screen', () => {
    expect(claimed('broken/decompression_bomb.gif')).toEqual({ width: 65535, height: 66601 }); // a 65535 x 1321 frame placed 65280 rows down;
  });

  it('gives the stored (not rotated) size of a portrait photo with orientation 6', () => {
    const size = claimed('orientation/Portrait_6.jpg');
    expect(size!.width).toBeGreaterThan(size!.height);
  });

  it('returns null for a damaged header instead of throwing', () => {
    expect(claimed('broken/broken.png')).toBeNull();
    expect(readPixelSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'jpeg')).toBeNull();
    expect(readPixelSize(new Uint8Array([0x49, 0x49, 0x2a, 0, 0xff, 0xff, 0, 0]), 'tiff')).toBeNull();
  });
});
