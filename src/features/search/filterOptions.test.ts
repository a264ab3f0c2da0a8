import { describe, expect, it } from 'vitest';
import type { Photo } from '../../library/schema';
import { filterOptions, photoPlaces } from './filterOptions';

const photo = (id: string, over: Partial<Photo> = {}): Photo => ({
  id,
  path: `trip/${id}.jpg`,
  name: `${id}.jpg`,
  size: 1,
  lastModified: 0,
  mime: 'image/jpeg',
  width: 4,
  height: 3,
  takenAt: null,
  addedAt: 0,
  sources: [],
  ...over,
});

describe('the place map points', () => {
  it('are the places of the photos that have one, one point a photo', () => {
    const photos = [
      photo('a', { gps: { lat: 48.8566, lon: 2.3522, alt: 35 } }),
      photo('b'),
      photo('c', { gps: { lat: 48.8566, lon: 2.3522 } }),
    ];
    expect(filterOptions(photos).places).toEqual([
      { lat: 48.8566, lon: 2.3522 },
      { lat: 48.8566, lon: 2.3522 },
    ]);
    // A selection may name photos no longer in the library.
    expect(photoPlaces([undefined, photos[1], photos[2]])).toEqual([{ lat: 48.8566, lon: 2.3522 }]);
  });
});
