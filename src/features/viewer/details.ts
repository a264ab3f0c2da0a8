import type { Photo, PhotoCamera } from '../../library/schema';
import { formatBytes } from '../../shared/format';

/** One line of the viewer's details panel: what it is, and the value as text (file contents are untrusted text). */
export interface DetailRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/**
 * The photo's details as the panel lists them: only what the file and the library know, nothing invented; a photo
 * imported before its camera was read (or without EXIF) simply has no camera rows.
 */
export function detailRows(photo: Photo, locale?: string): DetailRow[] {
  const rows: DetailRow[] = [];
  const add = (key: string, label: string, value: string | null) => value && rows.push({ key, label, value });
  add('taken', photo.takenAt === null ? 'Modified' : 'Taken', formatDate(photo.takenAt ?? photo.lastModified, locale));
  add('size', 'Size', `${photo.width} × ${photo.height} · ${formatBytes(photo.size)}`);
  const camera = photo.camera;
  if (camera) {
    add('camera', 'Camera', cameraName(camera));
    add('lens', 'Lens', clean(camera.lens));
    add('exposure', 'Exposure', exposureLine(camera));
    add('focal', 'Focal length', camera.focalLength ? `${trim(camera.focalLength)} mm` : null);
    add('iso', 'ISO', camera.iso ? `ISO ${Math.round(camera.iso)}` : null);
  }
  add('place', 'Place', photo.gps ? formatPlace(photo.gps) : null);
  add('path', 'Path', photo.path);
  return rows;
}

/** "Canon EOS R5", not "Canon Canon EOS R5": many cameras repeat the make in the model. */
export function cameraName(camera: PhotoCamera): string | null {
  const make = clean(camera.make);
  const model = clean(camera.model);
  if (!make) return model;
  if (!model) return make;
  const firstWord = make.split(' ')[0]!.toLowerCase();
  return model.toLowerCase().startsWith(firstWord) ? model : `${make} ${model}`;
}

/** "1/250 s · f/2.8": the shutter time as photographers write it (fractions under a second) and the aperture. */
export function exposureLine(camera: PhotoCamera): string | null {
  const parts = [
    camera.exposureTime ? formatShutter(camera.exposureTime) : null,
    camera.fNumber ? `f/${trim(camera.fNumber)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function formatShutter(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds >= 1) return `${trim(seconds)} s`;
  return `1/${Math.round(1 / seconds)} s`;
}

/** Degrees with their hemisphere, 4 decimals (about 10 m): "48.8584° N, 2.2945° E". */
export function formatPlace(gps: { lat: number; lon: number }): string {
  const part = (v: number, plus: string, minus: string) => `${Math.abs(v).toFixed(4)}° ${v < 0 ? minus : plus}`;
  return `${part(gps.lat, 'N', 'S')}, ${part(gps.lon, 'E', 'W')}`;
}

function formatDate(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A number without trailing zeros, at most one decimal: 2.8, 35, 0.5. */
function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** EXIF strings often carry padding or NULs; an empty one is no value. */
function clean(text: string | undefined): string | null {
  const out = text === undefined ? '' : withoutControls(text).trim();
  return out ? out : null;
}

/** A file name safe to hand to a download: no folders, no control characters (the name is untrusted text). */
export function downloadName(name: string): string {
  const out = withoutControls(name).replace(/[/\\]/gu, '_').replace(/^\.+/u, '').trim();
  return out || 'photo';
}

/** Types a browser tab shows as a picture; anything else (HEIC, TIFF) is offered as a download only. */
const VIEWABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function opensInTab(mime: string): boolean {
  return VIEWABLE.has(mime);
}

/** The text without control characters (NUL padding, line breaks, escapes). */
function withoutControls(text: string): string {
  return [...text].filter((c) => c.charCodeAt(0) >= 32 && c !== '\u007f').join('');
}
