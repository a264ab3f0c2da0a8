import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftypBrands, sniffKind, type PictureKind } from './sniff';

const photo = (path: string) => new Uint8Array(readFileSync(resolve('../shared/test-photos', path)));

describe('sniffKind on real files', () => {
  const cases: [string, PictureKind | null][] = [
    ['formats/hopper.jpg', 'jpeg'],
    ['formats/hopper_gray.jpg', 'jpeg'],
    ['formats/pil_sample_cmyk.jpg', 'jpeg'],
    ['formats/sugarshack.mpo', 'jpeg'],
    ['formats/ultrahdr.jpg', 'jpeg'],
    ['formats/jpeg_ff00_header.jpg', 'jpeg'],
    ['formats/hopper.png', 'png'],
    ['formats/hopper.gif', 'gif'],
    ['formats/chi.gif', 'gif'],
    ['formats/hopper.webp', 'webp'],
    ['formats/flower2.webp', 'webp'],
    ['formats/transparent.webp', 'webp'],
    ['formats/hopper.bmp', 'bmp'],
    ['formats/hopper.avif', 'avif'],
    ['formats/exif.avif', 'avif'],
    ['formats/hopper.heif', 'heic'],
    ['formats/hopper.tif', 'tiff'],
    ['broken/decompression_bomb.gif', 'gif'],
    ['broken/broken.png', 'png'],
    ['broken/empty.jpg', null],
    ['broken/notes-not-an-image.jpg', null],
    ['orientation/Portrait_6.jpg', 'jpeg'],
  ];
  it.each(cases)('%s -> %s', (path, kind) => {
    expect(sniffKind(photo(path))).toBe(kind);
  });
});

describe('sniffKind on synthetic bytes', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  const text = (s: string) => new TextEncoder().encode(s);

  it('recognizes big-endian TIFF', () => {
    expect(sniffKind(bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8))).toBe('tiff');
  });
  it('does not take text starting with "BM" for a bitmap', () => {
    expect(sniffKind(text('BMW owners club newsletter, issue 4'))).toBeNull();
  });
  it('does not take an MP4 video for a picture', () => {
    const mp4 = new Uint8Array([0, 0, 0, 0x18, ...text('ftypisom'), 0, 0, 2, 0, ...text('isomiso2')]);
    expect(sniffKind(mp4)).toBeNull();
  });
  it('reads all ftyp brands', () => {
    expect(ftypBrands(photo('formats/hopper.heif'))).toEqual(['heic', 'mif1', 'heic', 'miaf']);
  });
  it('returns null for too few bytes', () => {
    expect(sniffKind(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffKind(bytes())).toBeNull();
  });
});
