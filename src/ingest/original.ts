import { ensureReadPermission } from './walk';

type Permissioned = FileSystemDirectoryHandle & {
  queryPermission?(d: { mode: 'read' }): Promise<PermissionState>;
};

/** What reading an original back gave: the file, or why not (so the viewer can say it and offer what helps). */
export type OriginalRead =
  | { readonly file: File }
  /** The browser no longer grants read access to the folder (after a reload): asking again may. */
  | { readonly problem: 'no-access' }
  /** The file is not in its folder any more (moved, renamed, deleted). */
  | { readonly problem: 'gone' }
  /** No folder handle was kept (files picked through the fallback input): only the thumbnail is stored. */
  | { readonly problem: 'no-folder' };

/**
 * Reads a photo's original file back through the folder handle it was imported from, when the browser still
 * grants read access without asking (never prompts). `path` starts with the folder's own name, as walk.ts makes it.
 */
export async function readOriginalFile(dir: FileSystemDirectoryHandle, path: string): Promise<OriginalRead> {
  const h = dir as Permissioned;
  try {
    if (h.queryPermission && (await h.queryPermission({ mode: 'read' })) !== 'granted') return { problem: 'no-access' };
  } catch {
    return { problem: 'no-access' };
  }
  try {
    const parts = path.split('/').slice(1);
    const name = parts.pop();
    if (!name) return { problem: 'gone' };
    let folder: FileSystemDirectoryHandle = dir;
    for (const part of parts) folder = await folder.getDirectoryHandle(part);
    return { file: await (await folder.getFileHandle(name)).getFile() };
  } catch (error) {
    return error instanceof DOMException && error.name === 'NotAllowedError'
      ? { problem: 'no-access' }
      : { problem: 'gone' };
  }
}

/** Resolves null when there is no access or the file is gone. */
export async function readOriginal(dir: FileSystemDirectoryHandle, path: string): Promise<File | null> {
  const read = await readOriginalFile(dir, path);
  return 'file' in read ? read.file : null;
}

/** How the app reaches the folders photos came from: the browser's File System Access API, or a test's stand-in. */
export interface FolderAccess {
  read(dir: FileSystemDirectoryHandle, path: string): Promise<OriginalRead>;
  /** Asks the user again for read access (needs the click that calls it); true when granted. */
  request(dir: FileSystemDirectoryHandle): Promise<boolean>;
}

export const browserFolderAccess: FolderAccess = { read: readOriginalFile, request: ensureReadPermission };
