import type Vips from 'wasm-vips';
import { orientedSize } from './geometry';
import type { PixelSize } from './header';
import { orientBitmap } from './render';
import type { Decoder } from './types';

/**
 * Shrink-on-load JPEG decoding. `createImageBitmap` decodes a 12 MP JPEG at full size even when 224 px are wanted;
 * libjpeg's DCT scaling decodes it straight at 1/2, 1/4 or 1/8 of its size, several times faster. Where the
 * browser's WebCodecs `ImageDecoder` takes a desired size and reports the EXIF orientation (Chromium), its own
 * libjpeg-turbo does it natively; elsewhere libvips in WASM (`wasm-vips`, self-hosted under /vips/, loaded in the
 * decode worker on first need) does. The thumbnail and the model input are then both made from that one small
 * intermediate.
 */

/** JPEG DCT scale denominators libjpeg decodes at directly, largest first. */
const SCALES = [8, 4, 2] as const;
export type ShrinkFactor = (typeof SCALES)[number] | 1;

/**
 * The largest DCT scale whose decoded picture still covers both the model crop (short side >= `modelSide`) and
 * the thumbnail (long side >= `thumbnailLongSide`); 1 when even 1/2 would be too small (decode as today).
 * libjpeg rounds a scaled size up.
 */
export function shrinkFactor(size: PixelSize, modelSide: number, thumbnailLongSide: number): ShrinkFactor {
  const short = Math.min(size.width, size.height);
  const long = Math.max(size.width, size.height);
  for (const s of SCALES) {
    if (Math.ceil(short / s) >= modelSide && Math.ceil(long / s) >= thumbnailLongSide) return s;
  }
  return 1;
}

type VipsModule = Awaited<ReturnType<typeof Vips>>;
let vips: Promise<VipsModule> | null = null;
/** Set when libvips failed here (its threads would not start): this worker decodes the browser's way from then on. */
let unavailable = false;
/** libvips starts its helper threads while loading; it has this long. */
const LOAD_TIMEOUT_MS = 20_000;

/** Where the self-hosted wasm-vips files are (scripts/setup.sh copies them to public/vips/). */
export function vipsUrl(file: string): string {
  const base = new URL(import.meta.env.BASE_URL, globalThis.location.origin);
  return new URL(`vips/${file}`, base).href;
}

/**
 * libvips, started once per worker: no extra format libraries (JPEG is built in), one thread per image. An error
 * its helper threads raise is kept from ending the decode worker (libvips rethrows it there): the worker goes on
 * without libvips.
 */
function loadVips(): Promise<VipsModule> {
  if (unavailable) return Promise.reject(new Error('libvips is unavailable here'));
  vips ??= new Promise<VipsModule>((resolve, reject) => {
    const fail = (why: unknown) => {
      unavailable = true;
      reject(why instanceof Error ? why : new Error(String(why)));
    };
    globalThis.addEventListener('error', (event) => {
      if (!/\/vips\//.test(event.filename ?? '')) return;
      event.preventDefault();
      fail(event.message);
    });
    const timer = setTimeout(() => fail('libvips did not start'), LOAD_TIMEOUT_MS);
    (import(/* @vite-ignore */ vipsUrl('vips-es6.js')) as Promise<{ default: typeof Vips }>)
      .then((module) =>
        module.default({
          dynamicLibraries: [],
          // libvips warns about recoverable damage on stderr; a file it cannot decode goes the browser's way anyway.
          print: () => undefined,
          printErr: () => undefined,
        }),
      )
      .then((started) => {
        started.concurrency(1);
        resolve(started);
      }, fail)
      .finally(() => clearTimeout(timer));
  });
  return vips;
}

/** RGBA pixels of a shrunk decode, as libvips hands them back. */
export interface ShrunkPixels {
  data: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/**
 * Decodes a JPEG at 1/`factor` of its size, as stored (EXIF orientation not applied), converted to sRGB (an
 * embedded ICC profile is honoured, as the browser does; CMYK and grayscale become RGB), as opaque RGBA pixels.
 * Rejects on a file libjpeg finds truncated or damaged: the caller then decodes it the browser's way.
 */
export async function decodeJpegShrunkPixels(bytes: Uint8Array, factor: ShrinkFactor): Promise<ShrunkPixels> {
  const v = await loadVips();
  const made: { delete(): void }[] = [];
  const keep = <T extends { delete(): void }>(image: T): T => (made.push(image), image);
  try {
    let image = keep(v.Image.newFromBuffer(bytes, `shrink=${factor}`, { fail_on: 'truncated' }));
    if (image.getTypeof('icc-profile-data') !== 0) {
      image = keep(image.iccTransform('srgb'));
    } else if (image.interpretation !== 'srgb') {
      image = keep(image.colourspace('srgb'));
    }
    if (image.hasAlpha()) image = keep(image.extractBand(0, { n: 3 }));
    image = keep(image.bandjoin(255));
    const { width, height } = image;
    const data = new Uint8ClampedArray(image.writeToMemory() as Uint8Array<ArrayBuffer>);
    if (data.length !== width * height * 4) throw new Error('unexpected pixel layout from libvips');
    return { data, width, height };
  } finally {
    for (const image of made) image.delete();
  }
}

/** `decodeJpegShrunkPixels`, as an opaque bitmap. */
export async function decodeJpegShrunk(bytes: Uint8Array, factor: ShrinkFactor): Promise<ImageBitmap> {
  const { data, width, height } = await decodeJpegShrunkPixels(bytes, factor);
  return createImageBitmap(new ImageData(data, width, height));
}

/**
 * Whether the browser decodes JPEGs scaled in the DCT itself: WebCodecs `ImageDecoder` with a desired size (Chromium
 * picks the largest libjpeg scale M/8 whose area fits it), frames that carry the EXIF orientation (`rotation`,
 * `flip`), which `createImageBitmap` applies.
 */
function browserScales(): boolean {
  return typeof ImageDecoder !== 'undefined' && typeof VideoFrame !== 'undefined' && 'rotation' in VideoFrame.prototype;
}

/**
 * The browser's own decode at 1/`factor`, upright. Rejects where the browser cannot decode the file (truncated,
 * Ultra HDR in a worker) or did not hand back the scaled upright size that was asked for.
 */
async function decodeJpegByBrowser(bytes: Uint8Array, stored: PixelSize, orientation: number, factor: ShrinkFactor) {
  const scaled = { width: Math.ceil(stored.width / factor), height: Math.ceil(stored.height / factor) };
  const decoder = new ImageDecoder({
    data: bytes,
    type: 'image/jpeg',
    desiredWidth: scaled.width,
    desiredHeight: scaled.height,
  });
  try {
    const { image } = await decoder.decode();
    const bitmap = await createImageBitmap(image).finally(() => image.close());
    const upright = orientedSize(scaled, orientation);
    if (bitmap.width !== upright.width || bitmap.height !== upright.height) {
      bitmap.close();
      throw new Error(
        `the browser decoded ${bitmap.width} x ${bitmap.height}, not ${upright.width} x ${upright.height}`,
      );
    }
    return bitmap;
  } finally {
    decoder.close();
  }
}

/**
 * A JPEG of `stored` size (as in its header) decoded at 1/`factor`, turned upright from its EXIF `orientation`: by
 * the browser where it scales in the DCT itself, else by libvips. Rejects where the chosen decoder does (the caller
 * then decodes the file the browser's usual way, so its report stays the browser's).
 */
export async function decodeJpegShrunkUpright(
  bytes: Uint8Array,
  stored: PixelSize,
  orientation: number,
  factor: ShrinkFactor,
): Promise<[ImageBitmap, Decoder]> {
  if (browserScales()) return [await decodeJpegByBrowser(bytes, stored, orientation, factor), 'browser-shrink'];
  return [orientBitmap(await decodeJpegShrunk(bytes, factor), orientation), 'vips-shrink'];
}
