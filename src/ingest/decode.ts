import { describeError } from '../shared/errors';
import { sha256Hex } from '../shared/hashing';
import { NO_META, readPhotoMeta, type PhotoMeta } from './exif';
import { fitLongSide, orientedSize, withinPixelBudget } from './geometry';
import { readPixelSize, type PixelSize } from './header';
import { decodeHeic, heicErrorText } from './heic';
import { decodeExifPreview } from './preview';
import { makeModelInput, makeThumbnail, orientBitmap } from './render';
import { decodeJpegShrunkUpright, shrinkFactor } from './shrink';
import { mimeOf, sniffKind, type PictureKind } from './sniff';
import { decodeTiff, TiffTooLargeError } from './tiff';
import {
  MAX_DECODE_PIXELS,
  MAX_DIRECT_DECODE_PIXELS,
  MODEL_INPUT_SIDE,
  SCALED_DECODE_LONG_SIDE,
  SHRINK_ON_LOAD,
  THUMBNAIL_LONG_SIDE,
} from './tunables';
import { failure, type DecodedPhoto, type DecodeFailure, type DecodeResult, type Decoder } from './types';

/** Decode logic; runs in the decode worker (decode.worker.ts is only its message adapter). */

/** What is known about a file before its pixels are decoded. */
interface Inspected {
  bytes: Uint8Array;
  kind: PictureKind;
  meta: PhotoMeta;
  claimed: PixelSize | null;
}

async function inspect(blob: Blob): Promise<Inspected | DecodeFailure> {
  if (blob.size === 0) return failure('empty', 'file is empty');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const kind = sniffKind(bytes);
  if (!kind) return failure('not-a-picture', 'not a picture');
  const claimed = readPixelSize(bytes, kind);
  if (claimed && !withinPixelBudget(claimed, MAX_DECODE_PIXELS)) {
    return failure('too-large', `too large: ${claimed.width} x ${claimed.height}`, kind);
  }
  // Orientation only matters for the formats whose decoder might ignore it; the rest is cheap anyway.
  const meta = await readPhotoMeta(bytes, kind).catch(() => NO_META);
  return { bytes, kind, meta, claimed };
}

/**
 * Formats whose EXIF orientation Chromium applies in createImageBitmap(..., { imageOrientation: 'from-image' }).
 * Checked in Chromium 156: JPEG yes; WebP no (hopper_orientation_6.webp comes out sideways), so WebP is decoded
 * as stored ('none') and oriented here, as is TIFF (utif2). HEIF/AVIF carry rotation in the container (irot/imir),
 * which their decoders apply; their EXIF orientation must not be applied again.
 */
const BROWSER_ORIENTS: ReadonlySet<PictureKind> = new Set(['jpeg', 'png']);
const CONTAINER_ORIENTS: ReadonlySet<PictureKind> = new Set(['avif', 'heic', 'gif', 'bmp']);

/**
 * Whether a decoded bitmap still needs the EXIF orientation applied. For formats the browser orients, the
 * decoded size double-checks it for 5..8 (a browser that ignored the tag leaves the stored aspect).
 */
export function needsManualOrientation(
  kind: PictureKind,
  orientation: number,
  claimed: PixelSize | null,
  decoded: PixelSize,
): boolean {
  if (orientation < 2 || orientation > 8 || CONTAINER_ORIENTS.has(kind)) return false;
  if (!BROWSER_ORIENTS.has(kind)) return true;
  if (orientation >= 5 && claimed && claimed.width !== claimed.height) {
    return decoded.width > decoded.height === claimed.width > claimed.height;
  }
  return false;
}

async function decodeNative(blob: Blob, item: Inspected): Promise<ImageBitmap> {
  const typed = new Blob([blob], { type: mimeOf(item.kind) });
  const imageOrientation: ImageOrientation = BROWSER_ORIENTS.has(item.kind) ? 'from-image' : 'none';
  if (item.claimed && !withinPixelBudget(item.claimed, MAX_DIRECT_DECODE_PIXELS)) {
    // Over the direct budget: let the decoder scale while decoding (only the width, so the aspect stays right
    // whether the browser scales before or after orienting).
    const target = fitLongSide(orientedSize(item.claimed, item.meta.orientation), SCALED_DECODE_LONG_SIDE);
    return createImageBitmap(typed, { imageOrientation, resizeWidth: target.width, resizeQuality: 'high' });
  }
  return createImageBitmap(typed, { imageOrientation });
}

async function decodeBitmap(blob: Blob, item: Inspected): Promise<[ImageBitmap, Decoder] | DecodeFailure> {
  const { kind } = item;
  if (kind === 'heic') {
    try {
      return [await decodeHeic(blob), 'heic-to'];
    } catch (error) {
      // heic-to runs libheif in a worker of its own, started from this one (checked in Chromium 156).
      return failure(
        'unsupported',
        `HEIC/HEIF could not be decoded (${heicErrorText(error)}); convert it to JPEG`,
        kind,
      );
    }
  }
  if (kind === 'tiff') {
    try {
      return [await decodeTiff(item.bytes, MAX_DECODE_PIXELS), 'utif2'];
    } catch (error) {
      if (error instanceof TiffTooLargeError) return failure('too-large', error.message, kind);
      return failure('unsupported', 'this TIFF could not be decoded; convert it to JPEG', kind);
    }
  }
  try {
    return [await decodeNative(blob, item), 'browser'];
  } catch {
    // Chromium's worker refuses some files an <img> on the page shows (Ultra HDR gain-map JPEGs): the client
    // retries these there, and reports this reason if the page cannot decode them either.
    return failure('unsupported-by-worker', 'damaged or truncated image', kind);
  }
}

/**
 * A large JPEG decoded at the smallest DCT scale that still covers the model crop and the thumbnail, upright;
 * null when the file is not one (other formats, small pictures) or libjpeg refuses it (it then goes the browser's
 * way, so its report stays the browser's).
 */
async function decodeShrunk(item: Inspected, modelInputSide: number): Promise<[ImageBitmap, Decoder] | null> {
  if (!SHRINK_ON_LOAD || item.kind !== 'jpeg' || !item.claimed) return null;
  if (!withinPixelBudget(item.claimed, MAX_DIRECT_DECODE_PIXELS)) return null;
  const factor = shrinkFactor(item.claimed, modelInputSide, THUMBNAIL_LONG_SIDE);
  if (factor === 1) return null;
  try {
    return await decodeJpegShrunkUpright(item.bytes, item.claimed, item.meta.orientation, factor);
  } catch {
    return null;
  }
}

/** Turns a decoded (possibly not yet upright) bitmap into the library's and the model's pictures. Closes it. */
async function finish(
  bitmap: ImageBitmap,
  item: Inspected,
  decoder: Decoder,
  modelInputSide: number,
  knownUpright = false,
  /** The upright picture's full size, where the bitmap was decoded smaller (shrink-on-load). */
  fullSize?: PixelSize,
): Promise<DecodedPhoto> {
  const manual = !knownUpright && needsManualOrientation(item.kind, item.meta.orientation, item.claimed, bitmap);
  const upright = manual ? orientBitmap(bitmap, item.meta.orientation) : bitmap;
  try {
    const [hash, thumbnail, modelInput] = await Promise.all([
      sha256Hex(item.bytes),
      makeThumbnail(upright),
      makeModelInput(upright, modelInputSide),
    ]);
    return {
      ok: true,
      hash,
      kind: item.kind,
      width: fullSize?.width ?? upright.width,
      height: fullSize?.height ?? upright.height,
      thumbnail,
      modelInput,
      modelInputSide,
      meta: item.meta,
      decoder,
    };
  } finally {
    upright.close();
  }
}

/** Decodes one file: sniff, budget check, EXIF, decode upright, thumbnail, model input, content hash. Never throws. */
export async function decodePhoto(blob: Blob, modelInputSide = MODEL_INPUT_SIDE): Promise<DecodeResult> {
  try {
    const item = await inspect(blob);
    if ('ok' in item) return item;
    const shrunk = await decodeShrunk(item, modelInputSide);
    if (shrunk) {
      const fullSize = orientedSize(item.claimed!, item.meta.orientation);
      return await finish(shrunk[0], item, shrunk[1], modelInputSide, true, fullSize);
    }
    const decoded = await decodeBitmap(blob, item);
    if ('ok' in decoded) return decoded;
    if (decoded[0].width === 0 || decoded[0].height === 0) return failure('damaged', 'damaged or truncated image');
    return await finish(decoded[0], item, decoded[1], modelInputSide);
  } catch (error) {
    return failure('damaged', `damaged or truncated image (${describeError(error)})`);
  }
}

/**
 * Finishes a file whose pixels the page decoded (an `<img>` element, or heic-to on the page). The bitmap is
 * expected upright (the page decoders apply orientation); it is closed here.
 */
export async function decodePhotoFromBitmap(
  bitmap: ImageBitmap,
  blob: Blob,
  decoder: Decoder,
  modelInputSide = MODEL_INPUT_SIDE,
): Promise<DecodeResult> {
  try {
    const item = await inspect(blob);
    if ('ok' in item) {
      bitmap.close();
      return item;
    }
    return await finish(bitmap, item, decoder, modelInputSide);
  } catch (error) {
    bitmap.close();
    return failure('damaged', `damaged or truncated image (${describeError(error)})`);
  }
}

/**
 * Last resort after the worker and the page both failed: import the photo from its embedded EXIF preview
 * (decoder 'exif-preview', at the preview's resolution). Fails with `reason` when there is no usable preview.
 */
export async function decodePhotoFromPreview(
  blob: Blob,
  reason: string,
  modelInputSide = MODEL_INPUT_SIDE,
): Promise<DecodeResult> {
  try {
    const item = await inspect(blob);
    if ('ok' in item) return item;
    const preview = await decodeExifPreview(item.bytes);
    if (!preview) return failure('damaged', reason, item.kind);
    return await finish(orientBitmap(preview, item.meta.orientation), item, 'exif-preview', modelInputSide, true);
  } catch {
    return failure('damaged', reason);
  }
}
