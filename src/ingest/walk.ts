import { describeError } from '../shared/errors';
import { MAX_WALK_DEPTH } from './tunables';

/** A file found in a drop or a picked folder; `path` starts with the top folder's name ("photos/2019/a.jpg"). */
export interface WalkedFile {
  file: File;
  path: string;
}

/** What a drop held: its files, and the directory handles of dropped folders (by name) where the browser gave them. */
export interface DropWalk {
  files: WalkedFile[];
  handles: Map<string, FileSystemDirectoryHandle>;
}

export interface WalkOptions {
  /** Called for a folder or file that could not be read (permission, vanished, too deep), so nothing is lost silently. */
  onSkipped?: (path: string, why: string) => void;
  maxDepth?: number;
}

/** Size and date of a file as last indexed, keyed by path in `rescanHandle`. */
export interface KnownFile {
  size: number;
  lastModified: number;
}

export interface RescanResult {
  added: WalkedFile[];
  changed: WalkedFile[];
  /** Paths that are gone from the folder. */
  removed: string[];
}

// Not yet in TypeScript's DOM lib (Chromium has both).
type IterableDirectory = FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> };
type HandleItem = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> };

const SYSTEM_NAMES = new Set([
  'thumbs.db',
  'desktop.ini',
  '__macosx',
  '$recycle.bin',
  'system volume information',
  '@eadir',
]);

/** Hidden and system files and folders that never hold the user's photos. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase());
}

/** Streams the files under a directory handle, depth-first; a folder that is one of its own ancestors is skipped. */
export async function* iterateDirectoryHandle(
  dir: FileSystemDirectoryHandle,
  options: WalkOptions = {},
  prefix = dir.name,
  ancestors: FileSystemDirectoryHandle[] = [],
): AsyncGenerator<WalkedFile> {
  const maxDepth = options.maxDepth ?? MAX_WALK_DEPTH;
  if (ancestors.length >= maxDepth) return options.onSkipped?.(prefix, 'folder is nested too deeply');
  for (const a of ancestors) {
    if (await a.isSameEntry(dir)) return options.onSkipped?.(prefix, 'folder loops back to a parent (link)');
  }
  const files: Promise<WalkedFile | null>[] = [];
  const dirs: FileSystemDirectoryHandle[] = [];
  try {
    for await (const entry of (dir as IterableDirectory).values()) {
      if (isHiddenName(entry.name)) continue;
      if (entry.kind === 'directory') dirs.push(entry as FileSystemDirectoryHandle);
      else files.push(readHandle(entry as FileSystemFileHandle, `${prefix}/${entry.name}`, options));
    }
  } catch (error) {
    options.onSkipped?.(prefix, `folder could not be read (${describeError(error)})`);
  }
  for (const f of await Promise.all(files)) if (f) yield f;
  for (const d of dirs) yield* iterateDirectoryHandle(d, options, `${prefix}/${d.name}`, [...ancestors, dir]);
}

async function readHandle(
  handle: FileSystemFileHandle,
  path: string,
  options: WalkOptions,
): Promise<WalkedFile | null> {
  try {
    return { file: await handle.getFile(), path };
  } catch (error) {
    options.onSkipped?.(path, `file could not be read (${describeError(error)})`);
    return null;
  }
}

/** All files under a directory handle (from a drop or `showDirectoryPicker`). */
export async function walkDirectoryHandle(
  dir: FileSystemDirectoryHandle,
  options?: WalkOptions,
): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  for await (const f of iterateDirectoryHandle(dir, options)) out.push(f);
  return out;
}

/** Files of `<input type="file" webkitdirectory>` (paths already start with the folder) or a plain multi-select. */
export function walkFileList(list: FileList | readonly File[]): WalkedFile[] {
  return Array.from(list)
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }))
    .filter((f) => !f.path.split('/').some(isHiddenName));
}

/** Streams the files under an old-style entry (webkitGetAsEntry); readEntries is called until it returns nothing. */
export async function* iterateEntry(
  entry: FileSystemEntry,
  options: WalkOptions = {},
  prefix = entry.name,
  depth = 0,
): AsyncGenerator<WalkedFile> {
  if (entry.isFile) {
    try {
      const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
      yield { file, path: prefix };
    } catch (error) {
      options.onSkipped?.(prefix, `file could not be read (${describeError(error)})`);
    }
    return;
  }
  // Entries cannot tell whether two folders are the same, so links that loop are stopped by depth alone.
  if (depth >= (options.maxDepth ?? MAX_WALK_DEPTH)) return options.onSkipped?.(prefix, 'folder is nested too deeply');
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  try {
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      children.push(...batch);
    }
  } catch (error) {
    options.onSkipped?.(prefix, `folder could not be read (${describeError(error)})`);
  }
  for (const child of children) {
    if (!isHiddenName(child.name)) yield* iterateEntry(child, options, `${prefix}/${child.name}`, depth + 1);
  }
}

/**
 * Walks a drop. Must be called synchronously inside the `drop` handler: the browser empties the DataTransfer once
 * the handler returns, so every item's handle or entry is taken before the first await.
 */
export function walkDataTransfer(data: DataTransfer, options: WalkOptions = {}): Promise<DropWalk> {
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  // Everything is taken now; which one is used is decided after the handler returns.
  const taken = items.map((item) => ({
    handle: (item as HandleItem).getAsFileSystemHandle?.(),
    entry: item.webkitGetAsEntry(),
    file: item.getAsFile(),
  }));
  const loose = items.length === 0 ? Array.from(data.files) : [];
  return (async () => {
    const files: WalkedFile[] = walkFileList(loose);
    const handles = new Map<string, FileSystemDirectoryHandle>();
    for (const t of taken) {
      const handle = t.handle ? await t.handle.catch(() => null) : null;
      if (handle?.kind === 'directory' && t.entry?.isDirectory) {
        // The handle is kept for later re-scans; the walk itself uses the entry, because Chromium's handle
        // listing silently leaves out files whose names it deems unsafe (e.g. with '<' or '>'), entries don't.
        handles.set(handle.name, handle as FileSystemDirectoryHandle);
        if (!isHiddenName(t.entry.name)) for await (const f of iterateEntry(t.entry, options)) files.push(f);
      } else if (handle?.kind === 'directory') {
        const dir = handle as FileSystemDirectoryHandle;
        handles.set(dir.name, dir);
        for await (const f of iterateDirectoryHandle(dir, options)) files.push(f);
      } else if (handle?.kind === 'file') {
        const f = isHiddenName(handle.name)
          ? null
          : await readHandle(handle as FileSystemFileHandle, handle.name, options);
        if (f) files.push(f);
      } else if (t.entry) {
        if (!isHiddenName(t.entry.name)) for await (const f of iterateEntry(t.entry, options)) files.push(f);
      } else if (t.file && !isHiddenName(t.file.name)) {
        files.push({ file: t.file, path: t.file.name });
      }
    }
    return { files, handles };
  })();
}

/**
 * Re-scans a stored directory handle against what was indexed from it: new and changed files (by size and
 * modification time) are to be indexed, removed paths forgotten. The caller asks for read permission first.
 */
export async function rescanHandle(
  dir: FileSystemDirectoryHandle,
  known: ReadonlyMap<string, KnownFile>,
  options?: WalkOptions,
): Promise<RescanResult> {
  const result: RescanResult = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for await (const f of iterateDirectoryHandle(dir, options)) {
    seen.add(f.path);
    const before = known.get(f.path);
    if (!before) result.added.push(f);
    else if (before.size !== f.file.size || before.lastModified !== f.file.lastModified) result.changed.push(f);
  }
  for (const path of known.keys()) if (!seen.has(path)) result.removed.push(path);
  return result;
}

/** Asks (or re-asks, which needs a user gesture) for read access to a stored handle; true when granted. */
export async function ensureReadPermission(dir: FileSystemDirectoryHandle): Promise<boolean> {
  type Permissioned = FileSystemDirectoryHandle & {
    queryPermission?(d: { mode: 'read' }): Promise<PermissionState>;
    requestPermission?(d: { mode: 'read' }): Promise<PermissionState>;
  };
  const h = dir as Permissioned;
  if (!h.queryPermission || (await h.queryPermission({ mode: 'read' })) === 'granted') return true;
  return (await h.requestPermission?.({ mode: 'read' })) === 'granted';
}
