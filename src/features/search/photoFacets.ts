import type { Photo } from '../../library/schema';
import type { PhotoFacets } from '../../search/filters';

/** What filters look at for one photo: its record, whether it has a caption, its labels. */
export function photoFacets(photo: Photo, hasCaption: boolean, labels: readonly string[]): PhotoFacets {
  const slash = photo.path.lastIndexOf('/');
  return {
    id: photo.id,
    takenAt: photo.takenAt,
    make: photo.camera?.make,
    model: photo.camera?.model,
    lens: photo.camera?.lens,
    folder: slash < 0 ? '' : photo.path.slice(0, slash),
    type: (photo.mime.split('/')[1] ?? photo.mime).toLowerCase(),
    width: photo.width,
    height: photo.height,
    hasCaption,
    labels,
    ...(photo.gps ? { lat: photo.gps.lat, lon: photo.gps.lon } : {}),
  };
}
