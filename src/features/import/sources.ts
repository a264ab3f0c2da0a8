import { walkDataTransfer, walkDirectoryHandle, walkFileList, type WalkedFile } from '../../ingest/walk';
import type { ImportSource } from './importSlice';

/**
 * Groups walked files into import sources, one per top-level folder (loose files together). A source's id is
 * stable for the same folder name, so dropping a folder again resumes its unfinished import.
 */
export function groupSources(
  files: readonly WalkedFile[],
  handles: ReadonlyMap<string, FileSystemDirectoryHandle>,
  skipped: readonly Skipped[] = [],
) {
  const groups = new Map<string, WalkedFile[]>();
  const groupOf = (top: string) => groups.get(top) ?? groups.set(top, []).get(top)!;
  for (const f of files) groupOf(topFolder(f.path)).push(f);
  for (const s of skipped) groupOf(topFolder(s.path));
  return [...groups].map(([top, group]): ImportSource => ({
    rootId: top ? `folder:${top}` : 'loose-files',
    name: top || 'loose files',
    files: group,
    handle: handles.get(top),
    skipped: skipped.filter((s) => topFolder(s.path) === top),
  }));
}

/** Must be called inside the drop event: the browser empties the DataTransfer once the handler returns. */
export function sourcesFromDrop(data: DataTransfer): Promise<ImportSource[]> {
  const skipped: Skipped[] = [];
  const walking = walkDataTransfer(data, { onSkipped: (path, why) => skipped.push({ path, why }) });
  return walking.then(({ files, handles }) => groupSources(files, handles, skipped));
}

export async function sourceFromHandle(handle: FileSystemDirectoryHandle): Promise<ImportSource> {
  const skipped: Skipped[] = [];
  const files = await walkDirectoryHandle(handle, { onSkipped: (path, why) => skipped.push({ path, why }) });
  return groupSources(files, new Map([[handle.name, handle]]), skipped)[0] ?? emptySource(handle.name);
}

export function sourceFromFileList(list: FileList): ImportSource {
  const sources = groupSources(walkFileList(list), new Map());
  return sources[0] ?? emptySource('files');
}

interface Skipped {
  path: string;
  why: string;
}

function topFolder(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
}

function emptySource(name: string): ImportSource {
  return { rootId: `folder:${name}`, name, files: [] };
}
