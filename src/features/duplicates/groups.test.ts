import { describe, expect, it } from 'vitest';
import { fakePhoto } from '../../library/testing';
import { bestOf, burstGroups, hashDistance, pixelsDHash, splitByHash } from './groups';

const at = (n: number, takenAt: number | null, path = `trip/img_${n}.jpg`, rootId = 'root-1') =>
  fakePhoto(n, { takenAt, path, sources: [{ rootId, path }] });

describe('bursts', () => {
  it('joins shots of one folder taken within the gap, chains included, and nothing else', () => {
    const t = 1_600_000_000_000;
    const photos = [
      at(1, t),
      at(2, t + 2000),
      at(3, t + 4000), // 2 s after the one before: the same burst, 4 s after the first
      at(4, t + 20_000), // alone
      at(5, t + 1000, 'other/img_5.jpg'), // another folder, same second
      at(6, t + 1500, 'other/img_6.jpg'),
      at(7, t + 500, 'trip/img_7.jpg', 'root-2'), // same path under another root: another folder
      at(8, null), // no date: never in a burst
      at(9, null),
    ];
    const bursts = burstGroups(photos, 3000).map((b) => b.map((p) => p.name));
    expect(bursts).toEqual([
      ['img_1.jpg', 'img_2.jpg', 'img_3.jpg'],
      ['img_5.jpg', 'img_6.jpg'],
    ]);
    expect(burstGroups(photos, 1999).map((b) => b.length)).toEqual([2]);
    expect(burstGroups([], 3000)).toEqual([]);
  });
});

describe('the suggested best of a group', () => {
  const none = () => false;
  it('is the highest resolution, then the largest file, then the one with a caption, then the first added', () => {
    const small = fakePhoto(1, { width: 1000, height: 800, size: 9_000_000 });
    const big = fakePhoto(2, { width: 4000, height: 3000, size: 1_000 });
    expect(bestOf([small, big], none)).toBe(big);
    const bigger = fakePhoto(3, { width: 4000, height: 3000, size: 2_000 });
    expect(bestOf([big, bigger, small], none)).toBe(bigger);
    const twin = fakePhoto(4, { width: 4000, height: 3000, size: 2_000 });
    expect(bestOf([twin, bigger], none)).toBe(bigger); // first added
    expect(bestOf([bigger, twin], (id) => id === twin.id)).toBe(twin); // has a caption
    expect(() => bestOf([], none)).toThrow(RangeError);
  });
});

describe('difference hashes', () => {
  const picture = (f: (x: number, y: number) => number) => {
    const rgba = new Uint8ClampedArray(9 * 8 * 4);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 9; x++) rgba.fill(f(x, y), (y * 9 + x) * 4, (y * 9 + x) * 4 + 3);
    return rgba;
  };
  it('reads brightness steps, keeps a copy close and tells another picture apart', () => {
    const falling = pixelsDHash(picture((x) => 250 - x * 25));
    expect([...falling]).toEqual(new Array(64).fill(1));
    const brighter = pixelsDHash(picture((x) => Math.min(255, 255 - x * 20)));
    expect(hashDistance(falling, brighter)).toBe(0);
    const checker = pixelsDHash(picture((x, y) => ((x + y) % 2 ? 200 : 40)));
    expect(hashDistance(falling, checker)).toBeGreaterThan(20);
    const a = new Uint8Array(64);
    const near = a.slice();
    near[3] = 1;
    const far = new Uint8Array(64).fill(1);
    expect(splitByHash(['a', 'far', 'near', 'none'], [a, far, near, null], 10)).toEqual([['a', 'near']]);
  });
});
