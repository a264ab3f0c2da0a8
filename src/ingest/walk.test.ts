import { describe, expect, it } from 'vitest';
import { isHiddenName, iterateEntry, rescanHandle, walkDirectoryHandle, walkFileList, type WalkedFile } from './walk';

/** A tree in the shape of the File System Access API, enough for the walker. */
type Tree = { [name: string]: string | Tree };

function fileOf(name: string, text: string, lastModified = 1): File {
  return new File([text], name, { lastModified });
}

function dirHandle(name: string, tree: Tree): FileSystemDirectoryHandle {
  const self = {
    kind: 'directory' as const,
    name,
    isSameEntry: async (other: unknown) => other === self,
    async *values() {
      for (const [child, value] of Object.entries(tree)) {
        if (typeof value === 'string') {
          yield { kind: 'file', name: child, getFile: async () => fileOf(child, value) };
        } else {
          yield (value as unknown as { __handle?: unknown }).__handle ?? dirHandle(child, value);
        }
      }
    },
  };
  return self as unknown as FileSystemDirectoryHandle;
}

function dirEntry(name: string, tree: Tree): FileSystemEntry {
  const children = Object.entries(tree).map(([child, value]): FileSystemEntry =>
    typeof value === 'string'
      ? ({
          isFile: true,
          isDirectory: false,
          name: child,
          file: (ok: (f: File) => void) => ok(fileOf(child, value)),
        } as never)
      : dirEntry(child, value),
  );
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      // Real readers hand out entries in batches (100 in Chromium) and then an empty batch.
      const batches: FileSystemEntry[][] = [];
      for (let i = 0; i < children.length; i += 100) batches.push(children.slice(i, i + 100));
      batches.push([]);
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(batches.shift() ?? []) };
    },
  } as never;
}

const paths = (files: WalkedFile[]) => files.map((f) => f.path).sort();

const tree: Tree = {
  'a.jpg': 'a',
  '.DS_Store': 'x',
  'Thumbs.db': 'x',
  '2019': { 'b.jpg': 'b', '.hidden.jpg': 'x', deeper: { 'c.png': 'c' } },
  '.git': { HEAD: 'x' },
  'd.jpg': 'd',
  'e.jpg': 'e',
};

describe('walkDirectoryHandle', () => {
  it('lists files with paths from the top folder, skipping hidden and system files', async () => {
    expect(paths(await walkDirectoryHandle(dirHandle('photos', tree)))).toEqual([
      'photos/2019/b.jpg',
      'photos/2019/deeper/c.png',
      'photos/a.jpg',
      'photos/d.jpg',
      'photos/e.jpg',
    ]);
  });

  it('stops at a folder that links back to a parent, and says so', async () => {
    const loopTree: Tree = { 'a.jpg': 'a', sub: { 'b.jpg': 'b' } };
    const root = dirHandle('photos', loopTree);
    (loopTree.sub as Tree).back = { __handle: root } as unknown as Tree; // the fake link keeps its target's name
    const skipped: string[] = [];
    const files = await walkDirectoryHandle(root, { onSkipped: (p, why) => skipped.push(`${p}: ${why}`) });
    expect(paths(files)).toEqual(['photos/a.jpg', 'photos/sub/b.jpg']);
    expect(skipped).toEqual(['photos/sub/photos: folder loops back to a parent (link)']);
  });

  it('stops at the depth limit', async () => {
    const deep: Tree = { 'z.jpg': 'z' };
    let t = deep;
    for (let i = 0; i < 5; i++) t = { [`d${i}`]: t };
    const skipped: string[] = [];
    const files = await walkDirectoryHandle(dirHandle('top', t), { maxDepth: 3, onSkipped: (p) => skipped.push(p) });
    expect(files).toEqual([]);
    expect(skipped).toEqual(['top/d4/d3/d2']);
  });
});

describe('iterateEntry (webkitGetAsEntry)', () => {
  it('reads every batch until readEntries returns none', async () => {
    const files: WalkedFile[] = [];
    for await (const f of iterateEntry(dirEntry('photos', tree))) files.push(f);
    expect(paths(files)).toEqual([
      'photos/2019/b.jpg',
      'photos/2019/deeper/c.png',
      'photos/a.jpg',
      'photos/d.jpg',
      'photos/e.jpg',
    ]);
  });
});

describe('a folder of 10,000 files', () => {
  it('lists every one of them, across a hundred reader batches', async () => {
    const big: Tree = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`IMG_${i}.jpg`, `${i}`]));
    const files: WalkedFile[] = [];
    for await (const f of iterateEntry(dirEntry('phone', big))) files.push(f);
    expect(files).toHaveLength(10_000);
    expect(new Set(files.map((f) => f.path)).size).toBe(10_000);
  });
});

describe('walkFileList', () => {
  it('keeps webkitRelativePath (which starts with the folder) and skips hidden parts', () => {
    const withPath = (f: File, p: string) => Object.defineProperty(f, 'webkitRelativePath', { value: p });
    const list = [
      withPath(fileOf('a.jpg', 'a'), 'photos/a.jpg'),
      withPath(fileOf('b.jpg', 'b'), 'photos/.cache/b.jpg'),
      fileOf('loose.jpg', 'l'),
    ];
    expect(paths(walkFileList(list))).toEqual(['loose.jpg', 'photos/a.jpg']);
  });
});

describe('isHiddenName', () => {
  it('knows the usual system files', () => {
    for (const n of ['.DS_Store', 'Thumbs.db', 'thumbs.db', 'desktop.ini', '__MACOSX', '.hidden']) {
      expect(isHiddenName(n)).toBe(true);
    }
    expect(isHiddenName('IMG_0001.JPG')).toBe(false);
  });
});

describe('rescanHandle', () => {
  it('finds added, changed and removed files', async () => {
    const known = new Map([
      ['photos/a.jpg', { size: 1, lastModified: 1 }], // unchanged
      ['photos/d.jpg', { size: 5, lastModified: 1 }], // size changed
      ['photos/gone.jpg', { size: 1, lastModified: 1 }],
    ]);
    const r = await rescanHandle(dirHandle('photos', tree), known);
    expect(paths(r.added)).toEqual(['photos/2019/b.jpg', 'photos/2019/deeper/c.png', 'photos/e.jpg']);
    expect(paths(r.changed)).toEqual(['photos/d.jpg']);
    expect(r.removed).toEqual(['photos/gone.jpg']);
  });
});
