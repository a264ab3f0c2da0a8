import * as Comlink from 'comlink';
import { centerSquareCrop } from '../../../src/ingest/geometry';
import { readPixelSize } from '../../../src/ingest/header';
import { makeModelInput } from '../../../src/ingest/render';

/** Decode-and-resize paths without the app's extras (hash, thumbnail): the page runs one such worker per core. */

export type DecodeVariant = 'bitmap-then-resize' | 'resize-in-decode';

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
    }
  },
};

export type DecodeCeilingApi = typeof api;
Comlink.expose(api);
