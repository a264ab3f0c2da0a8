/** 12-megapixel JPEGs made from the real test photos, kept in bench-photos/ by the bench server. */

const SOURCES = [...Array(9).keys()].flatMap((i) => [`Landscape_${i}.jpg`, `Portrait_${i}.jpg`]);
/** Bump when the way photos are made changes, so cached ones are regenerated. */
export const PHOTO_VERSION = 1;

/** Long side of the photos: 4000 (12 MP) for the bench, small for the smoke run (`npm run bench -- --smoke`). */
let longSide = 4000;
export function setPhotoLongSide(side: number): void {
  longSide = side;
}

export const photoName = (i: number) =>
  `photo-v${PHOTO_VERSION}-${longSide === 4000 ? '' : `${longSide}px-`}${String(i).padStart(3, '0')}.jpg`;

/**
 * Upscales a real photo to 4000 x 3000 (or 3000 x 4000; smaller for the smoke run) with Chromium's canvas and adds
 * sensor-like grain, so the JPEG has a camera's entropy (a smooth upscale would compress to a fraction of a real photo's bytes and decode
 * faster than one). EXIF is not carried over: the pictures are drawn upright.
 */
export async function makePhoto(i: number): Promise<number> {
  const source = await (await fetch(`/test-photos/${SOURCES[i % SOURCES.length]}`)).blob();
  const bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
  const landscape = bitmap.width >= bitmap.height;
  const shortSide = Math.round((longSide * 3) / 4);
  const [w, h] = landscape ? [longSide, shortSide] : [shortSide, longSide];
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const image = ctx.getImageData(0, 0, w, h);
  const px = image.data;
  let s = (i + 1) * 2654435761;
  for (let p = 0; p < px.length; p += 4) {
    s = (s * 1103515245 + 12345) | 0;
    const grain = ((s >>> 16) & 15) - 7;
    px[p] = px[p]! + grain;
    px[p + 1] = px[p + 1]! + grain;
    px[p + 2] = px[p + 2]! + grain;
  }
  ctx.putImageData(image, 0, 0);
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  const put = await fetch(`/bench-photos/${photoName(i)}`, { method: 'PUT', body: jpeg });
  if (!put.ok) throw new Error(`could not store ${photoName(i)}: ${put.status}`);
  return jpeg.size;
}

/** Reads the photos into memory as Files, as a dropped folder hands them to the app. */
export async function loadPhotos(count: number, first = 0): Promise<File[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const name = photoName(first + k);
      const response = await fetch(`/bench-photos/${name}`);
      if (!response.ok) throw new Error(`missing ${name}`);
      return new File([await response.blob()], name, { type: 'image/jpeg', lastModified: 1_700_000_000_000 + k });
    }),
  );
}
