/**
 * The geometry of the place filter's map: an equirectangular picture (longitude across, latitude up) of where
 * photos were taken, drawn from their GPS points alone (no tiles, no network). Pure functions, tested.
 */
import { boxContains, type GeoBox } from '../../search/filters';

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** A point on the map picture, in its own units (0..MAP_WIDTH across, 0..MAP_HEIGHT down). */
export interface MapPoint {
  readonly x: number;
  readonly y: number;
}

/** The map picture is 2:1, like the whole world in degrees. */
export const MAP_WIDTH = 360;
export const MAP_HEIGHT = 180;

export const WORLD: GeoBox = { south: -90, west: -180, north: 90, east: 180 };

/** Boxes are kept to 4 decimals (about 11 m), rounded outwards so a point on the edge stays inside. */
const PLACES = 1e4;

/**
 * The part of the world the map shows: the points' bounding box, padded by `pad` of its size (at least
 * `minSpan` degrees across), widened to the picture's 2:1 and kept inside the world. The whole world with no points.
 * Never crosses the antimeridian: a library on both sides of it gets a wide view.
 */
export function mapViewFit(points: readonly GeoPoint[], pad = 0.1, minSpan = 0.01): GeoBox {
  if (points.length === 0) return WORLD;
  let south = Infinity;
  let north = -Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const p of points) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
  }
  let latSpan = Math.max((north - south) * (1 + 2 * pad), minSpan);
  let lonSpan = Math.max((east - west) * (1 + 2 * pad), minSpan);
  // Widen the narrower side so a degree of longitude is as wide as a degree of latitude is tall.
  if (lonSpan < 2 * latSpan) lonSpan = 2 * latSpan;
  else latSpan = lonSpan / 2;
  if (lonSpan >= 360 || latSpan >= 180) return WORLD;
  const span = (centre: number, size: number, min: number, max: number): [number, number] => {
    const low = Math.min(Math.max(centre - size / 2, min), max - size);
    return [low, low + size];
  };
  const [s, n] = span((south + north) / 2, latSpan, -90, 90);
  const [w, e] = span((west + east) / 2, lonSpan, -180, 180);
  return { south: s, west: w, north: n, east: e };
}

/** Where a place falls on the picture of `view`. */
export function mapProject(view: GeoBox, p: GeoPoint): MapPoint {
  return {
    x: ((p.lon - view.west) / (view.east - view.west)) * MAP_WIDTH,
    y: ((view.north - p.lat) / (view.north - view.south)) * MAP_HEIGHT,
  };
}

/** The place under a point of the picture; points outside it are taken at its edge. */
export function mapUnproject(view: GeoBox, m: MapPoint): GeoPoint {
  const fx = Math.min(Math.max(m.x / MAP_WIDTH, 0), 1);
  const fy = Math.min(Math.max(m.y / MAP_HEIGHT, 0), 1);
  return { lat: view.north - fy * (view.north - view.south), lon: view.west + fx * (view.east - view.west) };
}

/** The place box a drag from `a` to `b` on the picture draws, whichever corner it started from. */
export function boxFromDrag(view: GeoBox, a: MapPoint, b: MapPoint): GeoBox {
  const p = mapUnproject(view, a);
  const q = mapUnproject(view, b);
  return boxOutward(Math.min(p.lat, q.lat), Math.min(p.lon, q.lon), Math.max(p.lat, q.lat), Math.max(p.lon, q.lon));
}

/** A drag shorter than `min` picture units both ways is a click, not a box. */
export function dragIsBox(a: MapPoint, b: MapPoint, min: number): boolean {
  return Math.abs(a.x - b.x) >= min || Math.abs(a.y - b.y) >= min;
}

/** The smallest box holding every point, `pad` degrees wider each way; null with no points. */
export function boxAround(points: readonly GeoPoint[], pad: number): GeoBox | null {
  if (points.length === 0) return null;
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  return boxOutward(Math.min(...lats) - pad, Math.min(...lons) - pad, Math.max(...lats) + pad, Math.max(...lons) + pad);
}

/** The picture's box for a place box, for drawing it (a box across the antimeridian is drawn to the view's edges). */
export function boxOnMap(view: GeoBox, box: GeoBox): { x: number; y: number; width: number; height: number } {
  const west = box.west <= box.east ? box.west : view.west;
  const east = box.west <= box.east ? box.east : view.east;
  const a = mapProject(view, { lat: Math.min(box.north, view.north), lon: Math.max(west, view.west) });
  const b = mapProject(view, { lat: Math.max(box.south, view.south), lon: Math.min(east, view.east) });
  return { x: a.x, y: a.y, width: Math.max(0, b.x - a.x), height: Math.max(0, b.y - a.y) };
}

/**
 * The dots to draw: each point's place on the picture, one dot per `cell` units (so 100k photos from a few places
 * draw a few dots), with how many photos each stands for. Points outside the view are left out.
 */
export function mapDots(view: GeoBox, points: readonly GeoPoint[], cell = 1): { x: number; y: number; n: number }[] {
  const dots = new Map<string, { x: number; y: number; n: number }>();
  for (const p of points) {
    if (!boxContains(view, p.lat, p.lon)) continue;
    const m = mapProject(view, p);
    const cx = Math.round(m.x / cell) * cell;
    const cy = Math.round(m.y / cell) * cell;
    const key = `${cx},${cy}`;
    const dot = dots.get(key);
    if (dot) dot.n++;
    else dots.set(key, { x: cx, y: cy, n: 1 });
  }
  return [...dots.values()];
}

const GRID_STEPS = [30, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001];

/**
 * Where to draw the map's grid lines (it has no coastlines): multiples of the widest step in degrees that still
 * draws at least `min` lines of latitude across the view.
 */
export function mapGrid(view: GeoBox, min = 3): { lats: number[]; lons: number[] } {
  const step = GRID_STEPS.find((s) => (view.north - view.south) / s >= min) ?? GRID_STEPS.at(-1)!;
  const lines = (from: number, to: number) => {
    const out: number[] = [];
    for (let k = Math.ceil(from / step); k * step <= to; k++) out.push(Number((k * step).toFixed(6)));
    return out;
  };
  return { lats: lines(view.south, view.north), lons: lines(view.west, view.east) };
}

function boxOutward(south: number, west: number, north: number, east: number): GeoBox {
  const down = (v: number) => Math.floor(v * PLACES) / PLACES;
  const up = (v: number) => Math.ceil(v * PLACES) / PLACES;
  return {
    south: Math.max(-90, down(south)),
    west: Math.max(-180, down(west)),
    north: Math.min(90, up(north)),
    east: Math.min(180, up(east)),
  };
}
