import { walkDataTransfer, walkDirectoryHandle, walkFileList, type WalkedFile } from '../../ingest/walk';
import type { ImportSource } from './controller';

/**
 * Groups walked files into import sources, one per top-level folder (loose files together). A source's id is
 * stable for the same folder name, so dropping a folder again resumes its unfinished import.
 */
export function groupSources(files: readonly WalkedFile[], handles: ReadonlyMap<string, FileSystemDirectoryHandle>) {
  const groups = new Map<string, WalkedFile[]>();
  for (const f of files) {
    const top = f.path.includes('/') ? f.path.slice(0, f.path.indexOf('/')) : '';
    groups.set(top, [...(groups.get(top) ?? []), f]);
  }
  return [...groups].map(([top, group]): ImportSource => ({
    rootId: top ? `folder:${top}` : 'loose-files',
    name: top || 'loose files',
    files: group,
    handle: handles.get(top),
  }));
}

/** Must be called inside the drop event: the browser empties the DataTransfer once the handler returns. */
export function sourcesFromDrop(data: DataTransfer): Promise<ImportSource[]> {
  const walking = walkDataTransfer(data);
  return walking.then(({ files, handles }) => groupSources(files, handles));
}

export async function sourceFromHandle(handle: FileSystemDirectoryHandle): Promise<ImportSource> {
  const files = await walkDirectoryHandle(handle);
  return groupSources(files, new Map([[handle.name, handle]]))[0] ?? emptySource(handle.name);
}

export function sourceFromFileList(list: FileList): ImportSource {
  const sources = groupSources(walkFileList(list), new Map());
  return sources[0] ?? emptySource('files');
}

function emptySource(name: string): ImportSource {
  return { rootId: `folder:${name}`, name, files: [] };
}
