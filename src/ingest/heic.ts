import { describeError } from '../shared/errors';
/**
 * HEIC/HEIF via heic-to (libheif in WASM), loaded on the first HEIC. heic-to runs libheif in a worker of its own
 * (a blob: URL) and, for `type: 'bitmap'`, needs no DOM, so it runs in the decode worker (nested workers).
 * libheif applies the container's rotation and mirroring (irot/imir), so the bitmap comes back upright.
 */
let heicTo: Promise<(typeof import('heic-to'))['heicTo']> | null = null;

export async function decodeHeic(blob: Blob): Promise<ImageBitmap> {
  heicTo ??= import('heic-to').then((m) => m.heicTo);
  const convert = await heicTo;
  return convert({ blob, type: 'bitmap' });
}

/** heic-to rejects with strings or Errors; turn either into words. */
export const heicErrorText = describeError;
