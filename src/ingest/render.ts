import { centerSquareCrop, fitLongSide, orientedSize } from './geometry';
import { THUMBNAIL_LONG_SIDE, THUMBNAIL_QUALITY, THUMBNAIL_TYPE } from './tunables';

/** Runs in the worker and on the page alike: only OffscreenCanvas and createImageBitmap. */

function context2d(canvas: OffscreenCanvas, readBack = false): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: readBack });
  if (!ctx) throw new Error('no 2d canvas context');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  return ctx;
}

/**
 * Applies an EXIF orientation (2..8) to a bitmap the decoder left as stored; returns the upright bitmap and closes
 * the input. Used where the browser does not orient (TIFF via utif2, or a browser that ignores EXIF).
 */
export function orientBitmap(bitmap: ImageBitmap, orientation: number): ImageBitmap {
  if (orientation < 2 || orientation > 8) return bitmap;
  const w = bitmap.width;
  const h = bitmap.height;
  const out = orientedSize({ width: w, height: h }, orientation);
  const canvas = new OffscreenCanvas(out.width, out.height);
  const ctx = context2d(canvas);
  // The inverse of the stored orientation, as in the EXIF spec's table of transforms.
  const transforms: Record<number, [number, number, number, number, number, number]> = {
    2: [-1, 0, 0, 1, w, 0],
    3: [-1, 0, 0, -1, w, h],
    4: [1, 0, 0, -1, 0, h],
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, h, 0],
    7: [0, -1, -1, 0, h, w],
    8: [0, -1, 1, 0, 0, w],
  };
  ctx.setTransform(...transforms[orientation]!);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.transferToImageBitmap();
}

/** Upright thumbnail, long side at most THUMBNAIL_LONG_SIDE (never enlarged). */
export async function makeThumbnail(bitmap: ImageBitmap): Promise<Blob> {
  const size = fitLongSide(bitmap, THUMBNAIL_LONG_SIDE);
  const scaled = await createImageBitmap(bitmap, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'high',
  });
  const canvas = new OffscreenCanvas(size.width, size.height);
  context2d(canvas).drawImage(scaled, 0, 0);
  scaled.close();
  const blob = await canvas.convertToBlob({ type: THUMBNAIL_TYPE, quality: THUMBNAIL_QUALITY });
  // A browser that cannot encode WebP hands back PNG; JPEG is far smaller for photos.
  return blob.type === THUMBNAIL_TYPE ? blob : canvas.convertToBlob({ type: 'image/jpeg', quality: THUMBNAIL_QUALITY });
}

/**
 * Model input: shortest edge resized to `side`, center-cropped to side x side, as RGBA. Cropping the centered
 * square in source pixels and scaling it once is the same picture with one resample; it never reaches outside the
 * picture, so there are no borders. Transparent pixels are flattened onto white (the model reads RGB only).
 */
export async function makeModelInput(bitmap: ImageBitmap, side: number): Promise<Uint8ClampedArray> {
  const { sx, sy, sw, sh } = centerSquareCrop(bitmap);
  const square = await createImageBitmap(bitmap, sx, sy, sw, sh, {
    resizeWidth: side,
    resizeHeight: side,
    resizeQuality: 'high',
  });
  const canvas = new OffscreenCanvas(side, side);
  const ctx = context2d(canvas, true);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, side, side);
  ctx.drawImage(square, 0, 0);
  square.close();
  return ctx.getImageData(0, 0, side, side).data;
}
