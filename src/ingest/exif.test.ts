import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exifDateToIso, readPhotoMeta, webpExifChunk } from './exif';
import { sniffKind } from './sniff';

const photo = (path: string) => new Uint8Array(readFileSync(resolve('../shared/test-photos', path)));

async function meta(path: string) {
  const bytes = photo(path);
  return readPhotoMeta(bytes, sniffKind(bytes) ?? 'jpeg');
}

describe('readPhotoMeta on real files', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads orientation %i', async (o) => {
    expect((await meta(`orientation/Landscape_${o}.jpg`)).orientation).toBe(o);
    expect((await meta(`orientation/Portrait_${o}.jpg`)).orientation).toBe(o);
  });
  it('treats orientation 0 (invalid) as none', async () => {
    expect((await meta('orientation/Landscape_0.jpg')).orientation).toBe(1);
  });
  it('reads orientation from a WebP EXIF chunk', async () => {
    expect(webpExifChunk(photo('formats/hopper_orientation_6.webp'))).not.toBeNull();
    expect((await meta('formats/hopper_orientation_6.webp')).orientation).toBe(6);
  });
  it('reads the capture time with its offset and the GPS position', async () => {
    const m = await meta('formats/ultrahdr.jpg');
    expect(m.takenAt).toBe('2024-05-07T09:33:04+08:00');
    expect(m.gps!.latitude).toBeCloseTo(30.62765, 4);
    expect(m.gps!.longitude).toBeCloseTo(119.73877, 4);
  });
  it('reads the camera, lens and exposure', async () => {
    expect((await meta('formats/ultrahdr.jpg')).camera).toEqual({
      make: 'Google',
      model: 'Pixel 6',
      lens: 'Pixel 6 back camera 6.81mm f/1.85',
      focalLength: 6.81,
      fNumber: 1.85,
      exposureTime: 0.04,
      iso: 89,
    });
    expect((await meta('formats/flower.jpg')).camera).toMatchObject({ make: 'Canon', model: 'Canon PowerShot S40' });
    // A placeholder exposure (0xFFFFFFFF s) is not kept; the rest is.
    expect((await meta('formats/exif_gps.jpg')).camera).toEqual({ make: 'Make', model: 'XXX-XXX' });
    expect((await meta('orientation/Landscape_1.jpg')).camera).toBeNull();
  });
  it('reads the capture time without an offset', async () => {
    expect((await meta('formats/sugarshack.mpo')).takenAt).toBe('2014-03-02T14:17:39');
  });
  it('drops a GPS block that does not hold a real position', async () => {
    expect((await meta('formats/exif_gps.jpg')).gps).toBeNull();
  });
  it.each(['broken/hopper_bad_exif.jpg', 'broken/invalid-exif.jpg', 'broken/empty.jpg', 'broken/broken.png'])(
    'never throws on %s and treats orientation as none',
    async (path) => {
      expect((await meta(path)).orientation).toBe(1);
    },
  );
  it('has nothing to read in a GIF', async () => {
    expect(await meta('formats/chi.gif')).toEqual({ orientation: 1, takenAt: null, gps: null, camera: null });
  });
});

describe('exifDateToIso', () => {
  it('converts EXIF dates and refuses placeholders', () => {
    expect(exifDateToIso('2003:12:14 12:01:44')).toBe('2003-12-14T12:01:44');
    expect(exifDateToIso('0000:00:00 00:00:00')).toBeNull();
    expect(exifDateToIso('    :  :     :  :  ')).toBeNull();
    expect(exifDateToIso(20031214)).toBeNull();
  });
});
