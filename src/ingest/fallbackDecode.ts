import { decodeHeic } from './heic';
import type { PictureKind } from './sniff';
import type { Decoder } from './types';

/**
 * Page-side decoders for the few files the decode worker refuses. They only produce a bitmap; resizing, hashing and
 * encoding still happen in the worker, so the page does one decode per such file and nothing more.
 */

/**
 * Decodes with an `<img>` element, which in Chromium handles what createImageBitmap in a worker refuses
 * (Ultra HDR gain-map JPEGs). The element applies EXIF orientation, and so does the bitmap made from it.
 */
export async function decodeWithImageElement(blob: Blob): Promise<ImageBitmap> {
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    if (img.naturalWidth === 0 || img.naturalHeight === 0) throw new Error('no pixels');
    return await createImageBitmap(img, { imageOrientation: 'from-image' });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The page-side decoder for a kind: heic-to for HEIC (where the worker could not start it), else `<img>`. */
export async function decodeOnPage(blob: Blob, kind: PictureKind | undefined): Promise<[ImageBitmap, Decoder]> {
  if (kind === 'heic') return [await decodeHeic(blob), 'heic-to'];
  return [await decodeWithImageElement(blob), 'image-element'];
}
