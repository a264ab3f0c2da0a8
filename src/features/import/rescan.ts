import type { Library } from '../../library/db';
import { deletePhotos, listPhotos, replacePhoto } from '../../library/photos';
import type { Photo, Root } from '../../library/schema';
import { rescanHandle, type KnownFile, type WalkedFile } from '../../ingest/walk';

/** What a re-scan of a folder found: files to index, and how many photos it forgot. */
export interface RescanOutcome {
  readonly toIndex: WalkedFile[];
  readonly forgotten: number;
}

/**
 * Compares a folder (through its stored handle) with what the library holds from it: new and changed files are
 * returned for indexing, photos whose files are gone (or changed) lose that source, and a photo left with no
 * source is deleted with its thumbnail, vectors and captions.
 */
export async function rescanRoot(
  lib: Library,
  root: Root & { handle: FileSystemDirectoryHandle },
): Promise<RescanOutcome> {
  const photos = await listPhotos(lib);
  const known = new Map<string, KnownFile>();
  for (const photo of photos) {
    for (const source of photo.sources) {
      if (source.rootId === root.id) known.set(source.path, { size: photo.size, lastModified: photo.lastModified });
    }
  }
  const { added, changed, removed } = await rescanHandle(root.handle, known);
  const gone = new Set([...removed, ...changed.map((f) => f.path)]);
  const toDelete: string[] = [];
  for (const photo of photos) {
    const kept = photo.sources.filter((s) => !(s.rootId === root.id && gone.has(s.path)));
    if (kept.length === photo.sources.length) continue;
    if (kept.length === 0) toDelete.push(photo.id);
    else await replacePhoto(lib, withSources(photo, kept));
  }
  if (toDelete.length > 0) await deletePhotos(lib, toDelete);
  return { toIndex: [...added, ...changed], forgotten: toDelete.length };
}

function withSources(photo: Photo, sources: Photo['sources']): Photo {
  return { ...photo, sources, path: sources[0]!.path };
}
