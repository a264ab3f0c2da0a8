/** RGBA pixels of a picture, as the engine's captioners take them. */
export interface Pixels {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Decodes a small stored picture (a thumbnail, at most 320 px) to RGBA off the DOM (OffscreenCanvas). */
export async function blobToPixels(blob: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2D canvas to read the picture');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { rgba: context.getImageData(0, 0, width, height).data, width, height };
}

/**
 * Decodes an original picture upright (EXIF orientation applied) and scales it down to fit `maxSide` (never up),
 * for models that must see more than a thumbnail: OCR reads the original at the model's own input size.
 */
export async function blobToPixelsAt(blob: Blob, maxSide: number): Promise<Pixels> {
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(full.width, full.height));
  const width = Math.max(1, Math.round(full.width * scale));
  const height = Math.max(1, Math.round(full.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2D canvas to read the picture');
  context.imageSmoothingQuality = 'high';
  context.drawImage(full, 0, 0, width, height);
  full.close();
  return { rgba: context.getImageData(0, 0, width, height).data, width, height };
}

/** The picture (upright, EXIF orientation applied) drawn at exactly `width` x `height`: for perceptual hashes. */
export async function blobToPixelsSized(blob: Blob, width: number, height: number): Promise<Pixels> {
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2D canvas to read the picture');
  context.imageSmoothingQuality = 'high';
  context.drawImage(full, 0, 0, width, height);
  full.close();
  return { rgba: context.getImageData(0, 0, width, height).data, width, height };
}
