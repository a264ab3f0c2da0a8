import { useEffect, useRef } from 'react';
import type { Core } from './core';
import { routeFormat, routeParse, routeStep, type Route } from './route';

/** Marks the history entry that opening a photo pushed, so closing the viewer can step back over it. */
const OPENED = 'shoebox-photo';

/**
 * Keeps the URL and the app in step (src/app/route.ts): the URL is read on start and on Back/Forward, and written
 * when the tab, the search or the open photo changes. Closing a photo the app opened goes Back, so Back and the
 * viewer's close button leave the same history.
 */
export function useRoute(core: Core, tabs: readonly string[], shownRoute: Route): void {
  // The route as its URL text: effects run when what the URL would say changes, not on every new object.
  const key = routeFormat(shownRoute);
  const last = useRef<Route | null>(null);
  /** False from reading the URL until the app shows what it said: the renders in between must not write it. */
  const synced = useRef(false);
  /** The route the app shows now, for the popstate handler. */
  const shown = useRef(key);
  useEffect(() => {
    shown.current = key;
  });

  useEffect(() => {
    const apply = () => {
      const next = routeParse(location.search, tabs);
      last.current = next;
      core.show(next.tab);
      const search = core.search.store.get();
      if (next.similar && next.similar !== search.similarTo) core.moreLikeThis(next.similar);
      else if (!next.similar && next.query !== search.query) core.search.setQuery(next.query);
      else if (!next.similar && search.similarTo) core.search.clearSimilar();
      synced.current = shown.current === routeFormat(next); // else the next renders catch up
      core.select(next.photo);
    };
    apply();
    addEventListener('popstate', apply);
    return () => removeEventListener('popstate', apply);
  }, [core, tabs]);

  useEffect(() => {
    const route = routeParse(key, tabs);
    const from = last.current;
    if (!from) return;
    if (!synced.current) {
      synced.current = routeFormat(route) === routeFormat(from);
      return;
    }
    last.current = route;
    const search = routeFormat(route, location.search);
    if (search === location.search) return;
    const opened = (history.state as { [OPENED]?: string } | null)?.[OPENED];
    const url = `${location.pathname}${search}${location.hash}`;
    if (from.photo && !route.photo && opened === from.photo) {
      // Just closed: popstate then reads the entry before the photo, which is what the app shows already.
      if (routeFormat({ ...from, photo: null }) === routeFormat(route)) history.back();
      // Closed by going elsewhere ("more like this"): the photo's entry becomes that place; Back still leaves it.
      else history.replaceState(null, '', url);
      return;
    }
    if (routeStep(from, route) === 'push') history.pushState(route.photo ? { [OPENED]: route.photo } : null, '', url);
    else history.replaceState(history.state, '', url);
  }, [key, tabs]);
}
