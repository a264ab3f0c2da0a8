import type { PixelSize } from './header';

/** A source rectangle in pixels. */
export interface CropRect {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

/** Size after an EXIF orientation: orientations 5..8 swap width and height. */
export function orientedSize(size: PixelSize, orientation: number): PixelSize {
  return orientation >= 5 && orientation <= 8 ? { width: size.height, height: size.width } : size;
}

/** Scale so the long side is at most `longSide` (never enlarges); each side stays at least 1 px. */
export function fitLongSide(size: PixelSize, longSide: number): PixelSize {
  const scale = Math.min(1, longSide / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/**
 * The centered square of a picture that "resize the shortest edge to `side`, then center-crop side x side" keeps,
 * in source pixels. Cropping first and then scaling the square to side x side gives the same picture, with one
 * resample instead of two, and never reaches outside the picture (so no borders).
 */
export function centerSquareCrop(size: PixelSize): CropRect {
  const side = Math.min(size.width, size.height);
  return {
    sx: Math.floor((size.width - side) / 2),
    sy: Math.floor((size.height - side) / 2),
    sw: side,
    sh: side,
  };
}

/** Whether a claimed size fits within a pixel budget. */
export function withinPixelBudget(size: PixelSize, maxPixels: number): boolean {
  return size.width * size.height <= maxPixels;
}
