import * as Comlink from 'comlink';
import { centerSquareCrop } from '../../../src/ingest/geometry';
import { readPixelSize } from '../../../src/ingest/header';
import { makeModelInput } from '../../../src/ingest/render';
import { decodeJpegShrunk, shrinkFactor } from '../../../src/ingest/shrink';
import { THUMBNAIL_LONG_SIDE } from '../../../src/ingest/tunables';

/** Decode-and-resize paths without the app's extras (hash, thumbnail): the page runs one such worker per core. */

export type DecodeVariant = 'bitmap-then-resize' | 'resize-in-decode' | 'shrink-on-load';

/** The app's shrink-on-load path: libvips at the DCT scale covering the crop and the thumbnail, then the crop. */
async function shrunkCrop(file: Blob, side: number): Promise<Uint8ClampedArray> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const size = readPixelSize(bytes, 'jpeg');
  if (!size) throw new Error('no JPEG size');
  const bitmap = await decodeJpegShrunk(bytes, shrinkFactor(size, side, THUMBNAIL_LONG_SIDE));
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

const api = {
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
