type Permissioned = FileSystemDirectoryHandle & {
  queryPermission?(d: { mode: 'read' }): Promise<PermissionState>;
};

/**
 * Reads a photo's original file back through the folder handle it was imported from, when the browser still
 * grants read access without asking (never prompts). `path` starts with the folder's own name, as walk.ts makes it.
 * Resolves null when there is no access or the file is gone.
 */
export async function readOriginal(dir: FileSystemDirectoryHandle, path: string): Promise<File | null> {
  try {
    const h = dir as Permissioned;
    if (h.queryPermission && (await h.queryPermission({ mode: 'read' })) !== 'granted') return null;
    const parts = path.split('/').slice(1);
    const name = parts.pop();
    if (!name) return null;
    let folder: FileSystemDirectoryHandle = dir;
    for (const part of parts) folder = await folder.getDirectoryHandle(part);
    return await (await folder.getFileHandle(name)).getFile();
  } catch {
    return null;
  }
}
