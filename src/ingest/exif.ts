import exifr from 'exifr';
import type { PictureKind } from './sniff';

/** Where a photo was taken. Kept on the device: never sent anywhere. */
export interface GpsPosition {
  latitude: number;
  longitude: number;
}

/** What Shoebox reads from a photo's EXIF. */
export interface PhotoMeta {
  /** EXIF orientation 1..8; 1 (none) when absent or malformed. */
  orientation: number;
  /** DateTimeOriginal as ISO 8601 local time ("2019-05-01T12:00:00"), with its offset when the camera wrote one. */
  takenAt: string | null;
  gps: GpsPosition | null;
  /** The camera and exposure as the file wrote them (text trimmed and bounded); null when it wrote none. */
  camera: CameraMeta | null;
}

/** EXIF Make, Model, LensModel and exposure; every field optional (the library's PhotoCamera). */
export interface CameraMeta {
  make?: string;
  model?: string;
  lens?: string;
  /** mm */
  focalLength?: number;
  fNumber?: number;
  /** seconds */
  exposureTime?: number;
  iso?: number;
}

export const NO_META: PhotoMeta = { orientation: 1, takenAt: null, gps: null, camera: null };

const EXIFR_KINDS: ReadonlySet<PictureKind> = new Set(['jpeg', 'tiff', 'heic', 'avif', 'png']);

const OPTIONS: Parameters<typeof exifr.parse>[1] = {
  tiff: true,
  ifd0: { pick: ['Orientation', 'Make', 'Model'] },
  exif: {
    pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'LensModel', 'FocalLength', 'FNumber', 'ExposureTime', 'ISO'],
  },
  gps: { pick: ['GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'] },
  ifd1: false,
  interop: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  translateValues: false,
  reviveValues: false,
  mergeOutput: true,
};

/** The payload of a WebP `EXIF` chunk (a TIFF-structured block), which exifr does not find by itself. */
export function webpExifChunk(bytes: Uint8Array): Uint8Array | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const length = dv.getUint32(at + 4, true);
    if (id === 'EXIF') {
      const chunk = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length));
      const exifHeader = String.fromCharCode(...chunk.subarray(0, 4)) === 'Exif';
      return exifHeader ? chunk.subarray(6) : chunk;
    }
    at += 8 + length + (length & 1);
  }
  return null;
}

/** "2019:05:01 12:00:00" -> "2019-05-01T12:00:00" (+ offset), or null when it is not a real date. */
export function exifDateToIso(value: unknown, offset?: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m || m[1] === '0000') return null;
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

function gpsFrom(raw: Record<string, unknown>): GpsPosition | null {
  const { latitude, longitude } = raw;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/** Longest camera text kept: real makes, models and lenses are short; the rest is junk or hostile. */
const MAX_CAMERA_TEXT = 100;

function cameraText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // EXIF strings are often padded with NULs or spaces.
  const text = value
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text ? text.slice(0, MAX_CAMERA_TEXT) : undefined;
}

function cameraNumber(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < max ? value : undefined;
}

/** What the camera wrote, only the parts that make sense; null when nothing does. */
export function cameraFrom(raw: Record<string, unknown>): CameraMeta | null {
  const iso = Array.isArray(raw.ISO) ? (raw.ISO as unknown[])[0] : raw.ISO;
  const camera: CameraMeta = {
    make: cameraText(raw.Make),
    model: cameraText(raw.Model),
    lens: cameraText(raw.LensModel),
    focalLength: cameraNumber(raw.FocalLength, 10_000),
    fNumber: cameraNumber(raw.FNumber, 1_000),
    // Placeholders like 0xFFFFFFFF seconds are not an exposure.
    exposureTime: cameraNumber(raw.ExposureTime, 3_600),
    iso: cameraNumber(iso, 1_000_000),
  };
  const known = Object.entries(camera).filter(([, v]) => v !== undefined);
  return known.length > 0 ? (Object.fromEntries(known) as CameraMeta) : null;
}

/** Read orientation, capture time, GPS and camera from a picture's bytes. Malformed or missing EXIF gives NO_META; never throws. */
export async function readPhotoMeta(bytes: Uint8Array, kind: PictureKind): Promise<PhotoMeta> {
  const source = kind === 'webp' ? webpExifChunk(bytes) : EXIFR_KINDS.has(kind) ? bytes : null;
  if (!source || source.length === 0) return NO_META;
  try {
    const raw: unknown = await exifr.parse(source, OPTIONS);
    if (!raw || typeof raw !== 'object') return NO_META;
    const record = raw as Record<string, unknown>;
    const o = record.Orientation;
    return {
      orientation: typeof o === 'number' && Number.isInteger(o) && o >= 1 && o <= 8 ? o : 1,
      takenAt: exifDateToIso(record.DateTimeOriginal, record.OffsetTimeOriginal),
      gps: gpsFrom(record),
      camera: cameraFrom(record),
    };
  } catch {
    return NO_META;
  }
}
