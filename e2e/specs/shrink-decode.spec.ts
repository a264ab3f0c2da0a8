import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '../fixtures/fixtures';

/**
 * Large JPEGs are decoded at a reduced DCT scale (src/ingest/shrink.ts: the browser's ImageDecoder where it scales,
 * else libvips in WASM). Every EXIF orientation must still come out upright, and the thumbnail must look like the
 * one the browser's own full-size decode gives.
 */
const ORIENTATION = resolve('../shared/test-photos/orientation');
/** The stored (not upright) pictures are scaled by this: 1800 x 1200 becomes 4500 x 3000, a 13.5 MP photo. */
const SCALE = 2.5;

/** The file's APP1 (EXIF) segment, from its marker to its end. */
function exifSegment(jpeg: Buffer): Buffer {
  for (let at = 2; at + 4 < jpeg.length;) {
    if (jpeg[at] !== 0xff) break;
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xe1) return jpeg.subarray(at, at + 2 + length);
    at += 2 + length;
  }
  throw new Error('no EXIF segment');
}

/** Inserts an APP1 segment right after the start-of-image marker. */
const withExif = (jpeg: Buffer, app1: Buffer) => Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);

/** The file without its EXIF segment: the browser then decodes the pixels as stored, not turned upright. */
function withoutExif(jpeg: Buffer): Buffer {
  const app1 = exifSegment(jpeg);
  const at = jpeg.indexOf(app1);
  return Buffer.concat([jpeg.subarray(0, at), jpeg.subarray(at + app1.length)]);
}

test('a 12 MP-class JPEG with every EXIF orientation comes out upright through the shrink-on-load decoder', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await app.goto();

  // Upscale each stored picture in the page (its canvas is the only JPEG encoder at hand), then put the original
  // EXIF segment, orientation included, back in front of the new pixels.
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-shrink-')), 'big');
  mkdirSync(root);
  const names = Array.from({ length: 9 }, (_, n) => `Landscape_${n}.jpg`);
  for (const name of names) {
    const original = readFileSync(join(ORIENTATION, name));
    const big = await app.page.evaluate(
      async ([base64, scale]) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const stored = await createImageBitmap(new Blob([bytes]));
        const canvas = new OffscreenCanvas(Math.round(stored.width * scale), Math.round(stored.height * scale));
        canvas.getContext('2d')!.drawImage(stored, 0, 0, canvas.width, canvas.height);
        const jpeg = new Uint8Array(
          await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })).arrayBuffer(),
        );
        let binary = '';
        for (let i = 0; i < jpeg.length; i += 0x8000) binary += String.fromCharCode(...jpeg.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      [withoutExif(original).toString('base64'), SCALE] as const,
    );
    writeFileSync(join(root, name), withExif(Buffer.from(big, 'base64'), exifSegment(original)));
  }

  await app.pickFolder(root);
  await app.waitForLibrary(9, 0, 150_000);
  // Every photo went through a shrink-on-load decoder (Chromium's own: its ImageDecoder scales in the DCT).
  const decoders = await app.page.evaluate(() =>
    (window as never as { __shoebox: { decoders(): Record<string, number> } }).__shoebox.decoders(),
  );
  expect((decoders['browser-shrink'] ?? 0) + (decoders['vips-shrink'] ?? 0)).toBe(names.length);

  // Each thumbnail against the browser's own decode of the same file (full size, EXIF applied): both reduced to
  // 32 x 21 grey levels; an unrotated or mirrored picture differs by far more than the tolerance.
  const files = Object.fromEntries(names.map((n) => [n, readFileSync(join(root, n)).toString('base64')]));
  const diffs = await app.page.evaluate(async (byName) => {
    /** 32 x 21 grey levels of a picture, optionally mirrored (sx = -1) or turned half around (sx = sy = -1). */
    const tiny = (source: CanvasImageSource, sx = 1, sy = 1) => {
      const canvas = new OffscreenCanvas(32, 21);
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.imageSmoothingQuality = 'high';
      ctx.setTransform(sx, 0, 0, sy, sx < 0 ? 32 : 0, sy < 0 ? 21 : 0);
      ctx.drawImage(source, 0, 0, 32, 21);
      const px = ctx.getImageData(0, 0, 32, 21).data;
      return Array.from({ length: 32 * 21 }, (_, i) => (px[4 * i]! + px[4 * i + 1]! + px[4 * i + 2]!) / 3);
    };
    const distance = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    const out: Record<string, { aspect: number; diff: number; mirrored: number; turned: number }> = {};
    for (const [name, base64] of Object.entries(byName)) {
      const img = document.querySelector<HTMLImageElement>(`[data-testid="photo"][data-name="big/${name}"] img`)!;
      img.scrollIntoView();
      await img.decode();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const reference = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), {
        imageOrientation: 'from-image',
        resizeWidth: 320,
        resizeQuality: 'high',
      });
      const thumb = tiny(img);
      out[name] = {
        aspect: img.naturalWidth / img.naturalHeight,
        diff: distance(thumb, tiny(reference)),
        mirrored: distance(thumb, tiny(reference, -1, 1)),
        turned: distance(thumb, tiny(reference, -1, -1)),
      };
    }
    return out;
  }, files);
  for (const [name, { aspect, diff, mirrored, turned }] of Object.entries(diffs)) {
    expect(aspect, name).toBeCloseTo(1.5, 1); // landscape: upright, the stored 1200 x 1800 of 5..8 turned
    expect(diff, name).toBeLessThan(8); // grey levels of 255: the browser's decode, within resampling
    expect(diff * 2, name).toBeLessThan(Math.min(mirrored, turned)); // and the measure tells a wrong turn apart
  }
});
