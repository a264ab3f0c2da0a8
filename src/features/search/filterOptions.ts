import type { Photo } from '../../library/schema';
import type { GeoPoint } from './placeMap';

/** What the filter controls offer: the values the library's photos have, each once, sorted. */
export interface FilterOptions {
  readonly years: readonly number[];
  readonly makes: readonly string[];
  readonly models: readonly string[];
  readonly lenses: readonly string[];
  readonly folders: readonly string[];
  readonly types: readonly string[];
  readonly labels: readonly string[];
  /** Where the photos with GPS were taken, one point a photo: the place map's dots. */
  readonly places: readonly GeoPoint[];
}

/** The places of those photos that have one. */
export function photoPlaces(photos: readonly (Photo | undefined)[]): GeoPoint[] {
  const places: GeoPoint[] = [];
  for (const p of photos) if (p?.gps) places.push({ lat: p.gps.lat, lon: p.gps.lon });
  return places;
}

export function filterOptions(photos: readonly Photo[], labels: readonly string[] = []): FilterOptions {
  const years = new Set<number>();
  const makes = new Set<string>();
  const models = new Set<string>();
  const lenses = new Set<string>();
  const folders = new Set<string>();
  const types = new Set<string>();
  for (const p of photos) {
    if (p.takenAt !== null) years.add(new Date(p.takenAt).getFullYear());
    if (p.camera?.make?.trim()) makes.add(p.camera.make.trim());
    if (p.camera?.model?.trim()) models.add(p.camera.model.trim());
    if (p.camera?.lens?.trim()) lenses.add(p.camera.lens.trim());
    const slash = p.path.lastIndexOf('/');
    // Every folder on the way down: "a/b/c.jpg" offers "a" and "a/b".
    for (let at = p.path.indexOf('/'); at >= 0 && at <= slash; at = p.path.indexOf('/', at + 1)) {
      folders.add(p.path.slice(0, at));
    }
    types.add((p.mime.split('/')[1] ?? p.mime).toLowerCase());
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return {
    years: [...years].sort((a, b) => b - a),
    makes: sorted(makes),
    models: sorted(models),
    lenses: sorted(lenses),
    folders: sorted(folders),
    types: sorted(types),
    labels: [...new Set(labels)],
    places: photoPlaces(photos),
  };
}
