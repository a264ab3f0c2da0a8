import { describe, expect, it } from 'vitest';
import { fakePhoto } from '../../library/testing';
import { bestOf, burstGroups } from './groups';

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
