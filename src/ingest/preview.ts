import exifr from 'exifr';

/**
 * The small JPEG preview a camera embeds in EXIF (IFD1), as a bitmap as stored (not oriented), or null when there
 * is none. The last resort for a photo whose main image no decoder here can read: `ultrahdr.jpg` declares
 * 1512 x 2688 but carries no scan data for it, while its 189 x 336 preview is intact.
 */
export async function decodeExifPreview(bytes: Uint8Array): Promise<ImageBitmap | null> {
  let preview: Uint8Array | undefined;
  try {
    preview = await exifr.thumbnail(bytes);
  } catch {
    return null;
  }
  if (!preview || preview.length === 0) return null;
  const blob = new Blob([preview as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
  return createImageBitmap(blob, { imageOrientation: 'none' }).catch(() => null);
}
