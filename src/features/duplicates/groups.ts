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
