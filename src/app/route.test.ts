import { describe, expect, it } from 'vitest';
import { HOME, MAX_QUERY, routeFormat, routeParse, routeStep } from './route';

const TABS = ['photos', 'labels', 'models'];
const ID = 'a3f'.repeat(20);

describe('route', () => {
  it('round-trips a tab, a query and an open photo', () => {
    const route = { tab: 'labels', query: 'dog & "beach" +2:sun?', similar: null, photo: ID };
    expect(routeParse(routeFormat(route), TABS)).toEqual(route);
  });

  it('round-trips "more like this", which replaces the query', () => {
    const route = { tab: 'photos', query: '', similar: ID, photo: null };
    expect(routeParse(routeFormat(route), TABS)).toEqual(route);
    expect(routeParse(`?similar=${ID}&q=red`, TABS).query).toBe('');
  });

  it('formats home as no query string, keeping the settings parameters', () => {
    expect(routeFormat(HOME)).toBe('');
    expect(routeFormat({ ...HOME, query: 'red' }, '?models=demo&q=old&photo=x')).toBe('?models=demo&q=red');
    expect(routeParse('?models=demo', TABS)).toEqual(HOME);
  });

  it('falls back to the photos tab for an unknown or hostile tab', () => {
    for (const tab of ['nope', '', 'constructor', '__proto__', 'Labels', '<script>']) {
      expect(routeParse(`?tab=${encodeURIComponent(tab)}`, TABS).tab).toBe('photos');
    }
  });

  it('survives garbage: malformed escapes, repeated keys, nothing at all', () => {
    expect(routeParse('?q=%E0%A4%A&tab=%%%', TABS)).toMatchObject({ tab: 'photos' });
    expect(routeParse('?q=first&q=second', TABS).query).toBe('first');
    expect(routeParse('', TABS)).toEqual(HOME);
    expect(routeParse('&&&===&', TABS)).toEqual(HOME);
  });

  it('cuts a huge query and refuses a photo id that cannot be one', () => {
    const huge = routeParse(`?q=${'x'.repeat(1_000_000)}&photo=${'f'.repeat(5000)}`, TABS);
    expect(huge.query).toHaveLength(MAX_QUERY);
    expect(huge.photo).toBeNull();
    expect(routeParse('?photo=../../etc', TABS).photo).toBeNull();
    expect(routeParse('?photo=a%20b', TABS).photo).toBeNull();
  });

  it('pushes a new tab or an opened photo, replaces typing and closing', () => {
    const open = { ...HOME, photo: ID };
    expect(routeStep(HOME, { ...HOME, tab: 'labels' })).toBe('push');
    expect(routeStep(HOME, open)).toBe('push');
    expect(routeStep(open, { ...open, photo: 'b' })).toBe('replace');
    expect(routeStep(open, HOME)).toBe('replace');
    expect(routeStep(HOME, { ...HOME, query: 'red' })).toBe('replace');
  });
});
