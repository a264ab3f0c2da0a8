/**
 * The URL is the state: which tab is open, what is searched and which photo is in the viewer, as query parameters
 * (`?tab=labels`, `?q=dog+on+a+beach`, `?similar=<id>`, `?photo=<id>`). Pure parse and format; App.tsx wires them
 * to history. Other parameters (`models`, `device`) belong to the settings and are kept as they are.
 */

export interface Route {
  /** 'photos' or a feature view's id. */
  readonly tab: string;
  readonly query: string;
  /** The photo "more like this" started from, or null. */
  readonly similar: string | null;
  /** The photo open in the viewer, or null. */
  readonly photo: string | null;
}

export const HOME: Route = { tab: 'photos', query: '', similar: null, photo: null };

/** Longest query taken from a URL: a pasted link cannot make the app embed a novel. */
export const MAX_QUERY = 500;
/** Photo ids are content hashes; anything longer than this is not one. */
const MAX_ID = 128;
const ID = /^[\w.:-]+$/u;

const KEYS = ['tab', 'q', 'similar', 'photo'] as const;

/** What a URL's query string says; anything unknown, malformed or oversized falls back to HOME's value. */
export function routeParse(search: string, tabs: readonly string[]): Route {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return HOME;
  }
  const tab = params.get('tab');
  const similar = idOf(params.get('similar'));
  return {
    tab: tab !== null && tabs.includes(tab) ? tab : HOME.tab,
    // A search and "more like this" are never both active: the photo wins, as in the app.
    query: similar ? '' : (params.get('q') ?? '').slice(0, MAX_QUERY),
    similar,
    photo: idOf(params.get('photo')),
  };
}

/** The query string for `route`, keeping the parameters of `current` that are not the route's own. */
export function routeFormat(route: Route, current = ''): string {
  const params = new URLSearchParams(current);
  for (const key of KEYS) params.delete(key);
  if (route.tab !== HOME.tab) params.set('tab', route.tab);
  if (route.similar) params.set('similar', route.similar);
  else if (route.query) params.set('q', route.query.slice(0, MAX_QUERY));
  if (route.photo) params.set('photo', route.photo);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** How the history should move from one route to the next: a new tab or an opened photo is a step Back undoes. */
export function routeStep(from: Route, to: Route): 'push' | 'replace' {
  return from.tab !== to.tab || (from.photo === null && to.photo !== null) ? 'push' : 'replace';
}

function idOf(value: string | null): string | null {
  return value !== null && value.length <= MAX_ID && ID.test(value) ? value : null;
}
