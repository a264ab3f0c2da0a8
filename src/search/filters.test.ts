import { describe, expect, it } from 'vitest';
import {
  dayStart,
  distanceKm,
  filterCompile,
  filterDescribe,
  filtersEmpty,
  filtersFormat,
  filtersParse,
  filtersValidate,
  filterTest,
  type PhotoFacets,
  type PhotoFilters,
} from './filters';

const photo = (over: Partial<PhotoFacets> = {}): PhotoFacets => ({
  id: 'p',
  takenAt: new Date(2019, 6, 4, 12).getTime(),
  make: 'Canon',
  model: 'EOS R5',
  lens: 'RF 24-105mm',
  folder: 'Trips/Paris 2019',
  type: 'jpeg',
  width: 4000,
  height: 3000,
  hasCaption: true,
  labels: ['beach'],
  lat: 48.8566,
  lon: 2.3522,
  ...over,
});

const passes = (filters: PhotoFilters, p: PhotoFacets, centre: { lat: number; lon: number } | null = null) =>
  filterTest(
    filterCompile(filters, () => centre),
    p,
  );

describe('filterTest', () => {
  it('checks each part', () => {
    const p = photo();
    expect(passes({}, p)).toBe(true);
    expect(passes({ from: '2019-07-04', to: '2019-07-04' }, p)).toBe(true);
    expect(passes({ from: '2019-07-05' }, p)).toBe(false);
    expect(passes({ to: '2019-07-03' }, p)).toBe(false);
    expect(passes({ year: 2019, month: 7 }, p)).toBe(true);
    expect(passes({ month: 8 }, p)).toBe(false);
    expect(passes({ year: 2020 }, p)).toBe(false);
    expect(passes({ make: '  canon ' }, p)).toBe(true);
    expect(passes({ make: 'Nikon' }, p)).toBe(false);
    expect(passes({ model: 'eos r5', lens: 'rf 24-105MM' }, p)).toBe(true);
    expect(passes({ folder: 'Trips' }, p)).toBe(true);
    expect(passes({ folder: 'Trips/Paris 2019/' }, p)).toBe(true);
    expect(passes({ folder: 'Trip' }, p)).toBe(false);
    expect(passes({ type: 'jpeg' }, p)).toBe(true);
    expect(passes({ type: 'png' }, p)).toBe(false);
    expect(passes({ orientation: 'landscape' }, p)).toBe(true);
    expect(passes({ orientation: 'portrait' }, p)).toBe(false);
    expect(passes({ orientation: 'square' }, photo({ width: 5, height: 5 }))).toBe(true);
    expect(passes({ caption: true }, p)).toBe(true);
    expect(passes({ caption: false }, p)).toBe(false);
    expect(passes({ labelled: false }, photo({ labels: [] }))).toBe(true);
    expect(passes({ label: 'beach' }, p)).toBe(true);
    expect(passes({ label: 'city' }, p)).toBe(false);
    expect(passes({ box: { south: 48, west: 2, north: 49, east: 3 } }, p)).toBe(true);
    expect(passes({ box: { south: 40, west: 170, north: 50, east: -170 } }, photo({ lon: 179 }))).toBe(true);
    expect(passes({ box: { south: 48, west: 3, north: 49, east: 4 } }, p)).toBe(false);
  });

  it('never passes a photo without the facet a part needs', () => {
    const bare = photo({ takenAt: null, make: undefined, lat: undefined, lon: undefined });
    expect(passes({ year: 2019 }, bare)).toBe(false);
    expect(passes({ make: 'Canon' }, bare)).toBe(false);
    expect(passes({ box: { south: -90, west: -180, north: 90, east: 180 } }, bare)).toBe(false);
    expect(passes({ near: { id: 'x', km: 100 } }, bare, { lat: 0, lon: 0 })).toBe(false);
  });

  it('measures "near" by great-circle distance, and nothing is near a photo without a place', () => {
    const london = { lat: 51.5074, lon: -0.1278 };
    expect(distanceKm(48.8566, 2.3522, london.lat, london.lon)).toBeCloseTo(343.5, 0);
    expect(passes({ near: { id: 'l', km: 350 } }, photo(), london)).toBe(true);
    expect(passes({ near: { id: 'l', km: 340 } }, photo(), london)).toBe(false);
    expect(passes({ near: { id: 'l', km: 340 } }, photo(), null)).toBe(false);
  });
});

describe('filtersParse / filtersFormat', () => {
  it('round-trips every part', () => {
    const filters: PhotoFilters = {
      from: '2019-01-01',
      to: '2019-12-31',
      year: 2019,
      month: 7,
      make: 'Canon & Co',
      model: 'EOS=R5',
      lens: 'RF 24–105mm',
      folder: 'Trips/Paris 2019',
      type: 'jpeg',
      orientation: 'portrait',
      caption: true,
      labelled: false,
      label: 'a "label"',
      box: { south: -10.5, west: 170, north: 10, east: -170 },
      near: { id: 'ab12~x', km: 2.5 },
    };
    const text = filtersFormat(filters);
    expect(filtersParse(text)).toEqual({ filters, errors: [] });
    expect(filtersParse(`?${text}`).filters).toEqual(filters);
    expect(filtersFormat({})).toBe('');
    expect(filtersEmpty(filtersParse('').filters)).toBe(true);
  });

  it('keeps what it can and says what it dropped (hostile input)', () => {
    const { filters, errors } = filtersParse(
      'year=20x9&month=13&from=2019-02-30&make=%20%20&orientation=sideways&caption=maybe&box=1,2,3&near=p~-4&evil=1&type=JPEG&to=2019-05-01',
    );
    expect(filters).toEqual({ type: 'jpeg', to: '2019-05-01' });
    expect(errors).toHaveLength(9);
    for (const e of errors) expect(e).toMatch(/ignored$/u);
    expect(errors.join('\n')).toMatch(/"evil" is not a filter/u);
    expect(errors.join('\n')).toMatch(/month: a month is a number from 1 to 12/u);
    const long = filtersParse(`make=${'x'.repeat(50_000)}&${'%'.repeat(5000)}`);
    expect(long.filters.make?.length).toBe(200);
    const controls = filtersParse('label=a%00b%0Ac');
    expect(controls.filters.label).toBe('abc');
  });

  it('says when a range can match nothing, and rejects what is not a filter', () => {
    expect(filtersValidate({ from: '2020-01-01', to: '2019-01-01' }).errors).toEqual([
      'from 2020-01-01 is after to 2019-01-01: no photo can match',
    ]);
    expect(filtersValidate(null)).toEqual({ filters: {}, errors: ['a filter must be an object'] });
    expect(filtersValidate({ year: 2019.5, box: { south: 10, west: 0, north: 5, east: 1 } }).errors).toHaveLength(2);
    expect(filtersValidate({ near: { id: 'a', km: Infinity } }).filters).toEqual({});
  });

  it('reads days as local midnights, real days only', () => {
    expect(dayStart('2019-07-04')).toBe(new Date(2019, 6, 4).getTime());
    expect(dayStart('2019-02-29')).toBeNull();
    expect(dayStart('19-07-04')).toBeNull();
  });
});

describe('filterDescribe', () => {
  it('says a place box in degrees north, south, east and west', () => {
    expect(filterDescribe('box', { box: { south: -33.9, west: 18.4, north: -33.8, east: 18.5 } })).toBe(
      'taken in 33.9°S to 33.8°S, 18.4°E to 18.5°E',
    );
    expect(filterDescribe('box', { box: { south: 48, west: -3.5, north: 49, east: 2 } })).toBe(
      'taken in 48°N to 49°N, 3.5°W to 2°E',
    );
  });
});
