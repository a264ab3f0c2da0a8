import type { PhotoMeta } from './exif';
import type { PictureKind } from './sniff';

/** Which decoder produced the pixels. */
export type Decoder =
  'browser' | 'browser-shrink' | 'vips-shrink' | 'image-element' | 'heic-to' | 'utif2' | 'exif-preview';

/** A picture ready for the library and the model. */
export interface DecodedPhoto {
  ok: true;
  /** Lowercase hex SHA-256 of the file's bytes: the photo's id, so identical files are stored once. */
  hash: string;
  kind: PictureKind;
  /** Size of the upright picture (EXIF orientation applied), as decoded (smaller when scaled for the budget). */
  width: number;
  height: number;
  /** Upright, long side at most THUMBNAIL_LONG_SIDE; WebP where the browser encodes it, else JPEG. */
  thumbnail: Blob;
  /** Upright RGBA, shortest edge resized to `modelInputSide` then center-cropped; alpha flattened onto white. */
  modelInput: Uint8ClampedArray;
  modelInputSide: number;
  meta: PhotoMeta;
  decoder: Decoder;
}

/**
 * Why a file is not imported. `unsupported-by-worker` is internal: the client retries those on the page (an `<img>`
 * element), then from the EXIF preview, and reports the worker's reason if all fail.
 */
export type DecodeFailureCode =
  'empty' | 'not-a-picture' | 'damaged' | 'too-large' | 'unsupported' | 'unsupported-by-worker' | 'timeout' | 'aborted';

export interface DecodeFailure {
  ok: false;
  code: DecodeFailureCode;
  /** Human reason for the import report, e.g. "damaged or truncated image". */
  reason: string;
  kind?: PictureKind;
}

export type DecodeResult = DecodedPhoto | DecodeFailure;

export function failure(code: DecodeFailureCode, reason: string, kind?: PictureKind): DecodeFailure {
  return kind ? { ok: false, code, reason, kind } : { ok: false, code, reason };
}

/** The decode worker's RPC surface (comlink); decode.worker.ts implements it, decodeClient.ts calls it. */
export interface DecodeApi {
  /** Decodes a file; a DecodedPhoto's modelInput buffer is transferred back. */
  decode(file: Blob, modelInputSide: number): Promise<DecodeResult>;
  /** Finishes a file whose pixels the page decoded; the bitmap is transferred in and closed. */
  decodeFromBitmap(bitmap: ImageBitmap, file: Blob, decoder: Decoder, modelInputSide: number): Promise<DecodeResult>;
  /** Last resort: imports the file from its embedded EXIF preview, or fails with `reason`. */
  decodeFromPreview(file: Blob, reason: string, modelInputSide: number): Promise<DecodeResult>;
}
