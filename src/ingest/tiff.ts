import type { PixelSize } from './header';

type Utif = typeof import('utif2');
let utif: Promise<Utif> | null = null;

/** utif2 is CommonJS: depending on the bundler the namespace or its default export holds the functions. */
function loadUtif(): Promise<Utif> {
  utif ??= import('utif2').then((m) => ((m as unknown as { default?: Utif }).default ?? m) as Utif);
  return utif;
}

/** Raised when a TIFF's first image claims more pixels than the budget. */
export class TiffTooLargeError extends Error {
  constructor(readonly size: PixelSize) {
    super(`too large: ${size.width} x ${size.height}`);
    this.name = 'TiffTooLargeError';
  }
}

function tagNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) || value instanceof Uint8Array) return Number(value[0] ?? 0);
  return 0;
}

/**
 * Decodes the first image of a TIFF with utif2 (pure JS, loaded on the first TIFF) to a bitmap as stored:
 * TIFF orientation is not applied here (the caller applies the EXIF/TIFF orientation tag).
 */
export async function decodeTiff(bytes: Uint8Array, maxPixels: number): Promise<ImageBitmap> {
  const UTIF = await loadUtif();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const [first] = UTIF.decode(buffer);
  if (!first) throw new Error('no image in TIFF');
  const width = tagNumber(first['t256']);
  const height = tagNumber(first['t257']);
  if (width * height > maxPixels) throw new TiffTooLargeError({ width, height });
  UTIF.decodeImage(buffer, first);
  if (!first.width || !first.height) throw new Error('TIFF image has no pixels');
  const rgba = new Uint8ClampedArray(UTIF.toRGBA8(first));
  return createImageBitmap(new ImageData(rgba, first.width, first.height));
}
