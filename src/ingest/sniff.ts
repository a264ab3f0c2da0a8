/** What a file holds, judged by its first bytes only (the name is never trusted). */
export type PictureKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'heic' | 'tiff';

/** How many leading bytes `sniffKind` needs to decide. */
export const SNIFF_BYTES = 64;

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The brands an ISO-BMFF `ftyp` box declares (major first), or [] when there is no such box. */
export function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return [];
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(boxSize, bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  return brands;
}

function sniffIsoMedia(bytes: Uint8Array): PictureKind | null {
  const brands = ftypBrands(bytes);
  // AVIF files also list mif1, so AVIF is decided first; the major brand wins when both families appear.
  const major = brands[0] ?? '';
  if (AVIF_BRANDS.has(major)) return 'avif';
  if (HEIC_BRANDS.has(major) && major !== 'mif1' && major !== 'msf1') return 'heic';
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
  return null;
}

/**
 * Recognize a picture format from the first bytes of a file.
 * Returns null for anything that is not a picture Shoebox knows (text, video, empty files).
 * MPO (multi-picture JPEG) is a JPEG.
 */
export function sniffKind(bytes: Uint8Array): PictureKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  // 'BM' plus a plausible DIB header size keeps text files starting with "BM" out.
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 18 && [12, 40, 52, 56, 64, 108, 124].includes(bytes[14]!)) {
    return 'bmp';
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return sniffIsoMedia(bytes);
}

/** MIME type of a kind, for Blobs handed to decoders. */
export function mimeOf(kind: PictureKind): string {
  return kind === 'heic' ? 'image/heic' : `image/${kind}`;
}
