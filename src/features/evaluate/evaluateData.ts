/**
 * What an evaluation is run on: a folder whose subfolders are classes, and reference captions read from a CSV or
 * JSON file. Pure functions over paths and text, so they run under Vitest unchanged.
 */

/** A file of the evaluation set: its path starts with the picked folder's name (`colors/red/a.png`). */
export interface EvalFile {
  readonly file: File;
  readonly path: string;
}

/**
 * One photo of the set and its true class (the folder it sits in), or null when it has none: a picked file, or a
 * photo already in the library (`file` null, `photoId` its id; its vectors are the stored ones).
 */
export interface EvalPhoto {
  readonly path: string;
  readonly className: string | null;
  readonly file: File | null;
  readonly photoId: string | null;
}

/** The set as picked: photos, class names in sorted order, and files that are not photos. */
export interface EvalDataset {
  readonly name: string;
  /** A picked or dropped folder, or the library's own photos with their folders as classes. */
  readonly source: 'folder' | 'library';
  readonly photos: readonly EvalPhoto[];
  readonly classes: readonly string[];
  /** Files that are neither photos nor reference captions, kept only to tell the user. */
  readonly ignored: readonly string[];
  /** CSV/JSON files in the folder: candidates for reference captions. */
  readonly referenceFiles: readonly EvalFile[];
}

/** Reference captions by the key the user wrote (a file name or a relative path). */
export type ReferenceCaptions = ReadonlyMap<string, readonly string[]>;

/** A parsed reference file: the captions, and the lines that could not be used. */
export interface ParsedReferences {
  readonly references: ReferenceCaptions;
  readonly problems: readonly string[];
}

const PICTURE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'avif', 'heic', 'heif', 'tif', 'tiff']);
const REFERENCE_EXTENSIONS = new Set(['csv', 'json']);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
}

export function isPicturePath(path: string): boolean {
  return PICTURE_EXTENSIONS.has(extensionOf(path));
}

/**
 * Groups a picked or dropped folder into a labelled set: the class of a photo is its immediate parent folder
 * (`pets/cat/1.jpg` is a cat, `pets/cat/indoor/2.jpg` is "indoor"); photos in the top folder have no class.
 */
export function datasetFromFiles(files: readonly EvalFile[]): EvalDataset {
  const photos: EvalPhoto[] = [];
  const ignored: string[] = [];
  const referenceFiles: EvalFile[] = [];
  for (const f of files) {
    const parts = f.path.split('/');
    if (isPicturePath(f.path))
      photos.push({ ...f, photoId: null, className: parts.length >= 3 ? parts[parts.length - 2]! : null });
    else if (REFERENCE_EXTENSIONS.has(extensionOf(f.path))) referenceFiles.push(f);
    else ignored.push(f.path);
  }
  photos.sort((a, b) => a.path.localeCompare(b.path));
  const name = files[0]?.path.split('/')[0] ?? '';
  return { name, source: 'folder', photos, classes: classesOf(photos), ignored, referenceFiles };
}

/**
 * The library's photos as a labelled set: a photo's class is the folder its first source sits in
 * (`Trips/Paris/1.jpg` is "Paris"); a photo imported on its own, in no folder, has none.
 */
export function datasetFromLibrary(photos: readonly { id: string; path: string }[]): EvalDataset {
  const evalPhotos = photos
    .map((p): EvalPhoto => {
      const parts = p.path.split('/');
      return { path: p.path, file: null, photoId: p.id, className: parts.length >= 2 ? parts.at(-2)! : null };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return {
    name: 'library',
    source: 'library',
    photos: evalPhotos,
    classes: classesOf(evalPhotos),
    ignored: [],
    referenceFiles: [],
  };
}

function classesOf(photos: readonly EvalPhoto[]): string[] {
  return [...new Set(photos.flatMap((p) => (p.className === null ? [] : [p.className])))].sort((a, b) =>
    a.localeCompare(b),
  );
}

/** The words a prompt uses for a class folder: `golden_retriever` -> `golden retriever`. */
export function classPromptName(className: string): string {
  return className.replace(/[_]+/g, ' ').trim();
}

/** Reads reference captions from a `.json` or `.csv` file's text (see src/features/evaluate/README.md for the format). */
export function parseReferences(fileName: string, text: string): ParsedReferences {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (fileName.toLowerCase().endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return parseReferencesJson(trimmed);
  }
  return parseReferencesCsv(trimmed);
}

/** `{"a.jpg": ["ref 1", "ref 2"]}` (a single string is one reference), or `[{"file": ..., "caption": ...}]`. */
function parseReferencesJson(text: string): ParsedReferences {
  const references = new Map<string, string[]>();
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { references, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const add = (file: unknown, captions: unknown, where: string) => {
    const list = typeof captions === 'string' ? [captions] : Array.isArray(captions) ? captions : null;
    if (typeof file !== 'string' || !file.trim() || !list || !list.every((c) => typeof c === 'string')) {
      problems.push(`${where}: expected a file name and one or more caption strings`);
      return;
    }
    addReferences(references, file, list as string[]);
  };
  if (Array.isArray(data)) {
    data.forEach((row, i) => {
      const r = (row ?? {}) as Record<string, unknown>;
      add(r.file ?? r.image ?? r.path, r.captions ?? r.caption, `item ${i + 1}`);
    });
  } else if (data && typeof data === 'object') {
    for (const [file, captions] of Object.entries(data)) add(file, captions, `"${file}"`);
  } else {
    problems.push('expected an object of file name -> captions');
  }
  return { references, problems };
}

const HEADER_FILE = /^(file|filename|file_name|image|path|photo)$/i;

/** `file,caption` rows (RFC 4180 quoting; header optional; a file may have several rows). */
function parseReferencesCsv(text: string): ParsedReferences {
  const references = new Map<string, string[]>();
  const problems: string[] = [];
  csvRows(text).forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    if (i === 0 && HEADER_FILE.test(cells[0]!.trim())) return;
    const [file = '', ...rest] = cells;
    const caption = rest.join(',').trim(); // an unquoted comma in a caption is part of it
    if (!file.trim() || !caption) problems.push(`line ${i + 1}: expected "file,caption"`);
    else addReferences(references, file, [caption]);
  });
  return { references, problems };
}

function addReferences(into: Map<string, string[]>, file: string, captions: readonly string[]): void {
  const key = normalizeKey(file);
  const kept = captions.map((c) => c.trim()).filter(Boolean);
  if (kept.length) into.set(key, [...(into.get(key) ?? []), ...kept]);
}

/** Cells of each CSV row: commas separate, double quotes quote ("" is a quote), CRLF or LF ends a row. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** `./a\b.jpg` -> `a/b.jpg`: how keys and paths are compared. */
function normalizeKey(path: string): string {
  return path
    .trim()
    .replaceAll('\\', '/')
    .replace(/^(\.\/|\/)+/, '');
}

/** A photo and the references that name it. */
export interface ReferenceMatch<P extends { path: string }> {
  readonly photo: P;
  readonly references: readonly string[];
}

export interface MatchResult<P extends { path: string }> {
  readonly matched: readonly ReferenceMatch<P>[];
  /** Keys that name no photo. */
  readonly unmatched: readonly string[];
  /** Keys that name several photos (a bare file name found in two folders): used for none of them. */
  readonly ambiguous: readonly string[];
}

/**
 * Pairs references with photos: a key matches a photo whose path equals it or ends with `/` + key, so a bare file
 * name, a path relative to the picked folder and one including the folder's name all work. A photo named by
 * several keys gets all their references.
 */
export function matchReferences<P extends { path: string }>(
  references: ReferenceCaptions,
  photos: readonly P[],
): MatchResult<P> {
  const byPhoto = new Map<P, string[]>();
  const unmatched: string[] = [];
  const ambiguous: string[] = [];
  for (const [key, captions] of references) {
    const hits = photos.filter((p) => p.path === key || p.path.endsWith(`/${key}`));
    if (hits.length === 0) unmatched.push(key);
    else if (hits.length > 1) ambiguous.push(key);
    else byPhoto.set(hits[0]!, [...(byPhoto.get(hits[0]!) ?? []), ...captions]);
  }
  const matched = photos.flatMap((photo) => {
    const refs = byPhoto.get(photo);
    return refs ? [{ photo, references: refs }] : [];
  });
  return { matched, unmatched, ambiguous };
}
