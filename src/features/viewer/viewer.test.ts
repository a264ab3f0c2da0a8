import { describe, expect, test } from 'vitest';
import { fakePhoto } from '../../library/testing';
import { cameraName, detailRows, downloadName, exposureLine, formatPlace, formatShutter, opensInTab } from './details';
import { neighbours } from './navigation';
import { swipeDirection } from './swipe';
import { FITTED, fittedSize, viewClamp, viewPanBy, viewToggle, viewZoomAt, wheelFactor, type View } from './zoom';

describe('neighbours in the gallery order', () => {
  const order = ['a', 'b', 'c'];
  test('the photos either side, none past the ends', () => {
    expect(neighbours(order, 'b')).toEqual({ index: 1, count: 3, previous: 'a', next: 'c' });
    expect(neighbours(order, 'a')).toMatchObject({ previous: null, next: 'b' });
    expect(neighbours(order, 'c')).toMatchObject({ previous: 'b', next: null });
  });
  test('a photo not in the order has no neighbours', () => {
    expect(neighbours(order, 'z')).toEqual({ index: -1, count: 3, previous: null, next: null });
  });
});

describe('swipes', () => {
  const rules = { minDistance: 50, maxMs: 600 };
  test('a quick flick left is next, right is previous', () => {
    expect(swipeDirection({ dx: -120, dy: 10, ms: 200 }, rules)).toBe('next');
    expect(swipeDirection({ dx: 120, dy: -10, ms: 200 }, rules)).toBe('previous');
  });
  test('taps, slow drags and vertical moves are no swipe', () => {
    expect(swipeDirection({ dx: -20, dy: 0, ms: 100 }, rules)).toBeNull();
    expect(swipeDirection({ dx: -120, dy: 0, ms: 900 }, rules)).toBeNull();
    expect(swipeDirection({ dx: -80, dy: 70, ms: 200 }, rules)).toBeNull();
  });
});

describe('zoom and pan', () => {
  const fitted = { width: 400, height: 300 };
  const frame = { width: 400, height: 400 };
  /** Where a point of the fitted picture (from its centre) shows on screen (from the frame's centre). */
  const shown = (v: View, p: { x: number; y: number }) => ({ x: v.x + v.scale * p.x, y: v.y + v.scale * p.y });

  test('zooming about a point keeps the picture point under it', () => {
    const at = { x: 100, y: 50 };
    const before = FITTED;
    const after = viewZoomAt(before, 2, at, fitted, frame, 8);
    expect(after.scale).toBe(2);
    // The picture point that was under `at` (at/1 from its centre) is still there.
    expect(shown(after, { x: at.x, y: at.y })).toEqual(at);
    // A second zoom about another point, from a zoomed view.
    const at2 = { x: -60, y: 20 };
    const p = { x: (at2.x - after.x) / after.scale, y: (at2.y - after.y) / after.scale };
    const again = viewZoomAt(after, 1.5, at2, fitted, frame, 8);
    expect(shown(again, p).x).toBeCloseTo(at2.x, 9);
    expect(shown(again, p).y).toBeCloseTo(at2.y, 9);
  });

  test('scale stays between fitted and the maximum', () => {
    expect(viewZoomAt(FITTED, 0.5, { x: 0, y: 0 }, fitted, frame, 8)).toEqual(FITTED);
    expect(viewZoomAt(FITTED, 100, { x: 0, y: 0 }, fitted, frame, 8).scale).toBe(8);
  });

  test('the pan stops where the picture edge meets the frame; a side smaller than the frame stays centred', () => {
    const zoomed = { scale: 2, x: 0, y: 0 };
    // 800 wide in a 400 frame: 200 px either way; 600 high in 400: 100 px.
    expect(viewPanBy(zoomed, 1000, -1000, fitted, frame)).toEqual({ scale: 2, x: 200, y: -100 });
    expect(viewClamp({ scale: 1.2, x: 30, y: 30 }, fitted, frame)).toEqual({ scale: 1.2, x: 30, y: 0 });
  });

  test('double-click zooms in about the point, and back out', () => {
    const inView = viewToggle(FITTED, { x: 100, y: 0 }, 2.5, fitted, frame);
    expect(inView.scale).toBe(2.5);
    expect(inView.x).toBeLessThan(0);
    expect(viewToggle(inView, { x: 0, y: 0 }, 2.5, fitted, frame)).toEqual(FITTED);
  });

  test('a wheel turn up zooms in, down zooms out, lines count as pixels', () => {
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0)).toBeLessThan(1);
    expect(wheelFactor(-3, 1)).toBeCloseTo(wheelFactor(-48, 0), 12);
  });

  test('fitting contains the picture and enlarges no more than allowed', () => {
    expect(fittedSize({ width: 4000, height: 3000 }, { width: 800, height: 800 })).toEqual({ width: 800, height: 600 });
    expect(fittedSize({ width: 320, height: 240 }, { width: 800, height: 800 }, 1)).toEqual({
      width: 320,
      height: 240,
    });
    expect(fittedSize({ width: 100, height: 50 }, { width: 800, height: 800 }, Infinity)).toEqual({
      width: 800,
      height: 400,
    });
  });
});

describe('the details panel', () => {
  test('camera, lens, exposure, focal length and ISO when the file had them', () => {
    const photo = fakePhoto(2, {
      camera: {
        make: 'Canon',
        model: 'Canon EOS R5',
        lens: 'RF24-70mm\u0000 ',
        fNumber: 2.8,
        exposureTime: 0.004,
        focalLength: 35,
        iso: 200,
      },
      gps: { lat: 48.85837, lon: -2.29448 },
    });
    const rows = Object.fromEntries(detailRows(photo, 'en-GB').map((r) => [r.key, r.value]));
    expect(rows).toMatchObject({
      camera: 'Canon EOS R5',
      lens: 'RF24-70mm',
      exposure: '1/250 s · f/2.8',
      focal: '35 mm',
      iso: 'ISO 200',
      place: '48.8584° N, 2.2945° W',
      size: '4000 × 3000 · 1.0 KB',
      path: 'holiday/img_2.jpg',
    });
  });

  test('nothing about the camera or place when absent', () => {
    const keys = detailRows(fakePhoto(1)).map((r) => r.key);
    expect(keys).toEqual(['taken', 'size', 'path']);
    expect(detailRows(fakePhoto(1))[0]!.label).toBe('Modified'); // no date taken: says which date it is
    expect(detailRows(fakePhoto(3, { camera: { make: '  ' } })).map((r) => r.key)).toEqual(['taken', 'size', 'path']);
  });

  test('names and numbers as photographers write them', () => {
    expect(cameraName({ make: 'NIKON CORPORATION', model: 'NIKON D750' })).toBe('NIKON D750');
    expect(cameraName({ make: 'Apple', model: 'iPhone 15' })).toBe('Apple iPhone 15');
    expect(cameraName({ model: 'X100V' })).toBe('X100V');
    expect(formatShutter(2)).toBe('2 s');
    expect(formatShutter(1 / 60)).toBe('1/60 s');
    expect(exposureLine({ fNumber: 1.8 })).toBe('f/1.8');
    expect(exposureLine({})).toBeNull();
    expect(formatPlace({ lat: -33.8568, lon: 151.2153 })).toBe('33.8568° S, 151.2153° E');
  });
});

describe('the original, downloaded or opened', () => {
  test('a file name from the disk is made safe to save: no folders, no control characters', () => {
    expect(downloadName('IMG_0001.JPG')).toBe('IMG_0001.JPG');
    expect(downloadName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(downloadName('a\u0000b\nc.png')).toBe('abc.png');
    expect(downloadName('...')).toBe('photo');
  });
  test('only pictures a tab shows as a picture open in one', () => {
    expect(opensInTab('image/jpeg')).toBe(true);
    expect(opensInTab('image/heic')).toBe(false);
    expect(opensInTab('image/svg+xml')).toBe(false);
  });
});
