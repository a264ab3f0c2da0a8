import * as Comlink from 'comlink';
import { centerSquareCrop } from '../../../src/ingest/geometry';
import { readPixelSize, type PixelSize } from '../../../src/ingest/header';
import { makeModelInput, makeThumbnail } from '../../../src/ingest/render';
import {
  decodeJpegShrunk,
  decodeJpegShrunkPixels,
  decodeJpegShrunkUpright,
  shrinkFactor,
} from '../../../src/ingest/shrink';
import { sha256Hex } from '../../../src/shared/hashing';
import { THUMBNAIL_LONG_SIDE } from '../../../src/ingest/tunables';

/** Decode-and-resize paths without the app's extras (hash, thumbnail): the page runs one such worker per core. */

export type DecodeVariant = 'bitmap-then-resize' | 'resize-in-decode' | 'shrink-on-load' | 'shrink-on-load-vips';

async function jpegSize(file: Blob): Promise<[Uint8Array, PixelSize]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const size = readPixelSize(bytes, 'jpeg');
  if (!size) throw new Error('no JPEG size');
  return [bytes, size];
}

/**
 * The app's shrink-on-load path (the browser's DCT-scaled decode where it has one, else libvips) or libvips alone,
 * at the DCT scale covering the crop and the thumbnail, then the crop. The bench photos carry no EXIF orientation.
 */
async function shrunkCrop(file: Blob, side: number, vips = false): Promise<Uint8ClampedArray> {
  const [bytes, size] = await jpegSize(file);
  const factor = shrinkFactor(size, side, THUMBNAIL_LONG_SIDE);
  const bitmap = vips
    ? await decodeJpegShrunk(bytes, factor)
    : (await decodeJpegShrunkUpright(bytes, size, 1, factor))[0];
  try {
    return await makeModelInput(bitmap, side);
  } finally {
    bitmap.close();
  }
}

async function readback(bitmap: ImageBitmap, side: number): Promise<number> {
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, side, side).data.length;
}

const now = () => performance.now();

export type TimedVariant = 'bitmap-then-resize' | 'shrink-on-load' | 'shrink-on-load-vips' | 'app-steps';

/**
 * One photo through one path, one step at a time: the milliseconds of each step (wall time in this worker).
 * 'app-steps' is the app's decoder (src/ingest/decode.ts) taken apart: its steps run one after another here.
 */
async function timedSteps(file: Blob, side: number, variant: TimedVariant): Promise<Record<string, number>> {
  const steps: Record<string, number> = {};
  let t = now();
  const lap = (name: string) => {
    const next = now();
    steps[name] = next - t;
    t = next;
  };
  const [bytes, size] = await jpegSize(file);
  lap('read');
  const factor = shrinkFactor(size, side, THUMBNAIL_LONG_SIDE);
  let bitmap: ImageBitmap;
  switch (variant) {
    case 'bitmap-then-resize':
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      lap('decode');
      break;
    case 'shrink-on-load':
    case 'app-steps':
      bitmap = (await decodeJpegShrunkUpright(bytes, size, 1, factor))[0];
      lap('decode');
      break;
    case 'shrink-on-load-vips': {
      const pixels = await decodeJpegShrunkPixels(bytes, factor);
      lap('decode');
      bitmap = await createImageBitmap(new ImageData(pixels.data, pixels.width, pixels.height));
      lap('toBitmap');
      break;
    }
  }
  if (variant === 'app-steps') {
    await sha256Hex(bytes);
    lap('sha256');
    await makeThumbnail(bitmap);
    lap('thumbnail');
  }
  await makeModelInput(bitmap, side);
  bitmap.close();
  lap('crop');
  return steps;
}

const api = {
  timedSteps,
  async decode(file: Blob, side: number, variant: DecodeVariant): Promise<number> {
    switch (variant) {
      case 'bitmap-then-resize': {
        const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
        const bytes = (await makeModelInput(bitmap, side)).length;
        bitmap.close();
        return bytes;
      }
      case 'resize-in-decode': {
        // Crop and scale in one createImageBitmap call on the Blob: the decoder may then skip full-size pixels.
        const size = readPixelSize(new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer()), 'jpeg');
        if (!size) throw new Error('no JPEG size');
        const { sx, sy, sw, sh } = centerSquareCrop(size);
        const options = { resizeWidth: side, resizeHeight: side, resizeQuality: 'high' } as const;
        return readback(await createImageBitmap(file, sx, sy, sw, sh, options), side);
      }
      case 'shrink-on-load':
        return (await shrunkCrop(file, side)).length;
      case 'shrink-on-load-vips':
        return (await shrunkCrop(file, side, true)).length;
    }
  },
  /** The model input of one photo both ways (the browser's full decode, and shrink-on-load), for a parity check. */
  async bothCrops(file: Blob, side: number): Promise<[Uint8ClampedArray, Uint8ClampedArray]> {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const full = await makeModelInput(bitmap, side);
    bitmap.close();
    return [full, await shrunkCrop(file, side)];
  },
};

export type DecodeCeilingApi = typeof api;
Comlink.expose(api);
