import type { Decoder } from './types';

/**
 * The page-side decoder for the few files createImageBitmap in the worker refuses: an `<img>` element uses the
 * page's decoders (which can differ from a worker's, e.g. for HDR JPEGs). It only produces a bitmap; resizing,
 * hashing and encoding still happen in the worker. The element applies EXIF orientation, so does the bitmap.
 * Note `ultrahdr.jpg` is not rescued here: `<img>` reports its size but it has no scan data, so no bitmap comes out.
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

/** The page-side decoder for files the worker refused. */
export async function decodeOnPage(blob: Blob): Promise<[ImageBitmap, Decoder]> {
  return [await decodeWithImageElement(blob), 'image-element'];
}
