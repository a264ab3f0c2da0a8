import { describe, expect, it } from 'vitest';
import { boxContains } from '../../search/filters';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  WORLD,
  boxAround,
  boxFromDrag,
  boxOnMap,
  dragIsBox,
  mapDots,
  mapGrid,
  mapProject,
  mapUnproject,
  mapViewFit,
} from './placeMap';

const paris = { lat: 48.8566, lon: 2.3522 };
const lyon = { lat: 45.764, lon: 4.8357 };
const tokyo = { lat: 35.6762, lon: 139.6503 };

describe('mapViewFit', () => {
  it('shows the whole world with no points, and a 2:1 view holding every point otherwise', () => {
    expect(mapViewFit([])).toEqual(WORLD);
    const v = mapViewFit([paris, lyon]);
    expect(v.east - v.west).toBeCloseTo(2 * (v.north - v.south), 9);
    for (const p of [paris, lyon]) expect(boxContains(v, p.lat, p.lon)).toBe(true);
    // Padded: neither point sits on the edge.
    expect(v.north).toBeGreaterThan(paris.lat);
    expect(v.south).toBeLessThan(lyon.lat);
  });

  it('gives one point a small view around it, and stays inside the world near its edges', () => {
    const one = mapViewFit([paris], 0.1, 0.01);
    expect(one.north - one.south).toBeCloseTo(0.01, 9);
    expect(boxContains(one, paris.lat, paris.lon)).toBe(true);
    const pole = mapViewFit([{ lat: 89.99, lon: 179.99 }], 0.1, 2);
    expect(pole.north).toBe(90);
    expect(pole.east).toBe(180);
    expect(pole.north - pole.south).toBeCloseTo(2, 9);
    expect(mapViewFit([{ lat: -80, lon: -170 }, tokyo])).toEqual(WORLD);
  });
});

describe('projection', () => {
  it('puts the view corners on the picture corners and round-trips inside', () => {
    const v = mapViewFit([paris, lyon]);
    expect(mapProject(v, { lat: v.north, lon: v.west })).toEqual({ x: 0, y: 0 });
    const se = mapProject(v, { lat: v.south, lon: v.east });
    expect(se.x).toBeCloseTo(MAP_WIDTH, 9);
    expect(se.y).toBeCloseTo(MAP_HEIGHT, 9);
    const back = mapUnproject(v, mapProject(v, paris));
    expect(back.lat).toBeCloseTo(paris.lat, 9);
    expect(back.lon).toBeCloseTo(paris.lon, 9);
    // North is up: a more northern place is higher on the picture.
    expect(mapProject(v, paris).y).toBeLessThan(mapProject(v, lyon).y);
  });

  it('takes a point off the picture at its edge', () => {
    expect(mapUnproject(WORLD, { x: -50, y: 500 })).toEqual({ lat: -90, lon: -180 });
  });
});

describe('boxes', () => {
  it('makes the same box from a drag whichever corner it starts at, holding exactly the points inside', () => {
    const v = mapViewFit([paris, lyon, tokyo]);
    const a = mapProject(v, { lat: 50, lon: 0 });
    const b = mapProject(v, { lat: 47, lon: 5 });
    const box = boxFromDrag(v, a, b);
    expect(boxFromDrag(v, b, a)).toEqual(box);
    expect(box.south).toBeCloseTo(47, 3);
    expect(box.north).toBeCloseTo(50, 3);
    expect(boxContains(box, paris.lat, paris.lon)).toBe(true);
    expect(boxContains(box, lyon.lat, lyon.lon)).toBe(false);
    expect(boxContains(box, tokyo.lat, tokyo.lon)).toBe(false);
  });

  it('rounds a drawn box outwards to 4 decimals, so a point on its edge stays in', () => {
    const v = mapViewFit([paris, lyon]);
    const at = mapProject(v, paris);
    const box = boxFromDrag(v, at, { x: at.x + 40, y: at.y + 40 });
    for (const x of [box.south, box.west, box.north, box.east]) expect(Math.round(x * 1e4) / 1e4).toBe(x);
    expect(boxContains(box, paris.lat, paris.lon)).toBe(true);
  });

  it('tells a click from a drag', () => {
    expect(dragIsBox({ x: 10, y: 10 }, { x: 11, y: 11 }, 3)).toBe(false);
    expect(dragIsBox({ x: 10, y: 10 }, { x: 10, y: 14 }, 3)).toBe(true);
  });

  it('draws the box around selected photos with a margin, and none without photos', () => {
    expect(boxAround([], 0.01)).toBeNull();
    const box = boxAround([paris, lyon], 0.01)!;
    expect(box.south).toBeCloseTo(lyon.lat - 0.01, 4);
    expect(box.north).toBeCloseTo(paris.lat + 0.01, 4);
    expect(box.west).toBeCloseTo(paris.lon - 0.01, 4);
    expect(box.east).toBeCloseTo(lyon.lon + 0.01, 4);
    expect(boxAround([{ lat: 90, lon: 180 }], 1)).toEqual({ south: 89, west: 179, north: 90, east: 180 });
  });

  it('places a box on the picture, clipped to the view; one across the antimeridian spans the view', () => {
    expect(boxOnMap(WORLD, { south: 0, west: 0, north: 45, east: 90 })).toEqual({
      x: 180,
      y: 45,
      width: 90,
      height: 45,
    });
    expect(boxOnMap(WORLD, { south: -10, west: 170, north: 10, east: -170 })).toMatchObject({ x: 0, width: 360 });
  });
});

describe('mapDots', () => {
  it('draws one dot per cell with its count, and leaves out points outside the view', () => {
    const v = mapViewFit([paris, lyon]);
    const dots = mapDots(v, [paris, paris, { lat: paris.lat + 1e-6, lon: paris.lon }, lyon, tokyo]);
    expect(dots).toHaveLength(2);
    expect(dots.map((d) => d.n).sort()).toEqual([1, 3]);
  });
});

describe('mapGrid', () => {
  it('draws every 30 degrees on the world map and finer lines on a city', () => {
    const world = mapGrid(WORLD);
    expect(world.lats).toEqual([-90, -60, -30, 0, 30, 60, 90]);
    expect(world.lons).toHaveLength(13);
    const city = mapGrid({ south: 48.8, west: 2.2, north: 48.9, east: 2.4 });
    expect(city.lats.length).toBeGreaterThanOrEqual(3);
    for (const lat of city.lats) expect(lat).toBeGreaterThanOrEqual(48.8);
    expect(city.lats[1]! - city.lats[0]!).toBeCloseTo(0.02, 9);
  });
});
