/**
 * Pure rules of the Duplicates view: bursts from the stored dates, and which photo of a group to keep.
 */
import type { Photo } from '../../library/schema';

/** The folder a photo was found in: its first source's root and directory. */
export function photoFolder(photo: Photo): string {
  const source = photo.sources[0];
  const path = source?.path ?? photo.path;
  const slash = path.lastIndexOf('/');
  return `${source?.rootId ?? ''}\u0000${slash < 0 ? '' : path.slice(0, slash)}`;
}

/**
 * Bursts: runs of photos of one folder, each taken at most `maxGapMs` after the one before (EXIF dates only:
 * photos without one are left out). Groups of two or more, photos oldest first, groups by their first photo's date.
 */
export function burstGroups(photos: readonly Photo[], maxGapMs: number): Photo[][] {
  const byFolder = new Map<string, Photo[]>();
  for (const photo of photos) {
    if (photo.takenAt === null) continue;
    const folder = photoFolder(photo);
    const list = byFolder.get(folder);
    if (list) list.push(photo);
    else byFolder.set(folder, [photo]);
  }
  const bursts: Photo[][] = [];
  for (const list of byFolder.values()) {
    list.sort((a, b) => a.takenAt! - b.takenAt! || a.path.localeCompare(b.path));
    let run: Photo[] = [list[0]!];
    for (let i = 1; i <= list.length; i++) {
      const photo = list[i];
      if (photo && photo.takenAt! - run[run.length - 1]!.takenAt! <= maxGapMs) {
        run.push(photo);
        continue;
      }
      if (run.length > 1) bursts.push(run);
      if (photo) run = [photo];
    }
  }
  return bursts.sort((a, b) => a[0]!.takenAt! - b[0]!.takenAt! || a[0]!.path.localeCompare(b[0]!.path));
}

/**
 * The photo to keep of a group: the highest resolution (width x height), then the largest file, then one with a
 * caption, then the first imported (earliest `addedAt`, then id) so the choice never depends on the order given.
 */
export function bestOf(photos: readonly Photo[], hasCaption: (id: string) => boolean): Photo {
  if (photos.length === 0) throw new RangeError('bestOf: an empty group');
  return photos.reduce((best, p) => (compareKeep(p, best, hasCaption) < 0 ? p : best));
}

/** Negative when `a` is the better one to keep (see `bestOf`). */
export function compareKeep(a: Photo, b: Photo, hasCaption: (id: string) => boolean): number {
  return (
    b.width * b.height - a.width * a.height ||
    b.size - a.size ||
    Number(hasCaption(b.id)) - Number(hasCaption(a.id)) ||
    a.addedAt - b.addedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Size of the picture a difference hash reads: 9 x 8 gives 8 x 8 = 64 bits. */
export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

/**
 * A difference hash (dHash) of a 9 x 8 RGBA picture: per row, whether each pixel is brighter than the next one to
 * its right (luma, BT.601). Re-encodings, resizes and colour-space changes of one picture keep nearly every bit.
 */
export function pixelsDHash(rgba: ArrayLike<number>, width = DHASH_WIDTH, height = DHASH_HEIGHT): Uint8Array {
  const luma = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    return 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
  };
  const bits = new Uint8Array((width - 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x + 1 < width; x++) bits[y * (width - 1) + x] = luma(x, y) > luma(x + 1, y) ? 1 : 0;
  }
  return bits;
}

export function hashDistance(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i] === b[i] ? 0 : 1;
  return d;
}

/**
 * Splits a near-duplicate group (by vectors) into the photos whose pictures are copies too: two join when their
 * hashes differ in at most `maxBits` bits, chains included. A photo without a hash (no readable thumbnail) joins
 * none. Parts of two or more, in the group's order.
 */
export function splitByHash(
  ids: readonly string[],
  hashes: readonly (Uint8Array | null)[],
  maxBits: number,
): string[][] {
  const parent = ids.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = hashes[i];
      const b = hashes[j];
      if (a && b && hashDistance(a, b) <= maxBits) parent[find(j)] = find(i);
    }
  }
  const parts = new Map<number, string[]>();
  ids.forEach((id, i) => parts.set(find(i), [...(parts.get(find(i)) ?? []), id]));
  return [...parts.values()].filter((p) => p.length > 1);
}
