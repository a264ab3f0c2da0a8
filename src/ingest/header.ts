import type { PictureKind } from './sniff';

/** Width and height in pixels as a file's header claims them (before any EXIF rotation). */
export interface PixelSize {
  width: number;
  height: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function size(width: number, height: number): PixelSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Walks JPEG marker segments to the first SOFn frame header. */
function jpegSize(bytes: Uint8Array): PixelSize | null {
  const dv = view(bytes);
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) {
      at++; // tolerate junk between segments, as decoders do
      continue;
    }
    const marker = bytes[at + 1]!;
    if (marker === 0xff || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      at++;
      continue;
    }
    const length = dv.getUint16(at + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return size(dv.getUint16(at + 7), dv.getUint16(at + 5));
    if (marker === 0xd9 || marker === 0xda) return null;
    at += 2 + length;
  }
  return null;
}

function pngSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return size(view(bytes).getUint32(16), view(bytes).getUint32(20));
}

/** The larger of the logical screen and the first frame: a frame may claim more than the screen. */
function gifSize(bytes: Uint8Array): PixelSize | null {
  const dv = view(bytes);
  if (bytes.length < 13) return null;
  let width = dv.getUint16(6, true);
  let height = dv.getUint16(8, true);
  const flags = bytes[10]!;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x2c && at + 9 <= bytes.length) {
      width = Math.max(width, dv.getUint16(at + 1, true) + dv.getUint16(at + 5, true));
      height = Math.max(height, dv.getUint16(at + 3, true) + dv.getUint16(at + 7, true));
      break;
    }
    if (block !== 0x21) break;
    at += 2; // extension introducer and label, then sub-blocks until a zero length
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
    at++;
  }
  return size(width, height);
}

function webpSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 30) return null;
  const dv = view(bytes);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8X') {
    const w = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
    const h = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
    return size(w, h);
  }
  if (chunk === 'VP8 ') return size(dv.getUint16(26, true) & 0x3fff, dv.getUint16(28, true) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = dv.getUint32(21, true);
    return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  return null;
}

function bmpSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 26) return null;
  const dv = view(bytes);
  if (dv.getUint32(14, true) === 12) return size(dv.getUint16(18, true), dv.getUint16(20, true));
  return size(Math.abs(dv.getInt32(18, true)), Math.abs(dv.getInt32(22, true))); // negative height = top-down
}

function tiffSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 8) return null;
  const dv = view(bytes);
  const le = bytes[0] === 0x49;
  const ifd = dv.getUint32(4, le);
  if (ifd + 2 > bytes.length) return null;
  let width = 0;
  let height = 0;
  const count = dv.getUint16(ifd, le);
  for (let i = 0; i < count && ifd + 2 + 12 * (i + 1) <= bytes.length; i++) {
    const entry = ifd + 2 + 12 * i;
    const tag = dv.getUint16(entry, le);
    const value = dv.getUint16(entry + 2, le) === 3 ? dv.getUint16(entry + 8, le) : dv.getUint32(entry + 8, le);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return size(width, height);
}

/** HEIF/AVIF: the largest `ispe` (image spatial extent) property; grids list the full size there too. */
function isoMediaSize(bytes: Uint8Array): PixelSize | null {
  const dv = view(bytes);
  const end = Math.min(bytes.length, 1 << 16) - 16;
  let best: PixelSize | null = null;
  for (let at = 4; at < end; at++) {
    if (bytes[at] !== 0x69 || bytes[at + 1] !== 0x73 || bytes[at + 2] !== 0x70 || bytes[at + 3] !== 0x65) continue;
    const found = size(dv.getUint32(at + 8), dv.getUint32(at + 12));
    if (found && (!best || found.width * found.height > best.width * best.height)) best = found;
  }
  return best;
}

/**
 * Read the pixel size a picture claims from its header, without decoding it.
 * Cheap enough to run before every decode, so decompression bombs are caught before they allocate.
 * Returns null when the header cannot be read (the decoder will then report the damage).
 */
export function readPixelSize(bytes: Uint8Array, kind: PictureKind): PixelSize | null {
  try {
    switch (kind) {
      case 'jpeg':
        return jpegSize(bytes);
      case 'png':
        return pngSize(bytes);
      case 'gif':
        return gifSize(bytes);
      case 'webp':
        return webpSize(bytes);
      case 'bmp':
        return bmpSize(bytes);
      case 'tiff':
        return tiffSize(bytes);
      case 'avif':
      case 'heic':
        return isoMediaSize(bytes);
    }
  } catch {
    return null; // a RangeError from a truncated header
  }
}
