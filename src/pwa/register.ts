import { Workbox } from 'workbox-window';

/** Whether a new version of the app is installed and waiting for the user to reload into it. */
export interface UpdateState {
  readonly available: boolean;
}

let state: UpdateState = { available: false };
const listeners = new Set<() => void>();
let workbox: Workbox | null = null;

/**
 * Registers the service worker (production builds only: `vite dev` has none). A new version waits until the user
 * chooses to reload, so nothing changes under them; see `applyUpdate`.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL, type: 'classic' });
  workbox.addEventListener('waiting', () => set({ available: true }));
  workbox
    .register()
    .then((registration) => {
      // Long-open tabs look for new versions hourly, not only on navigation.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
    })
    // Service workers can be blocked (policy, private modes): the app still works, just not offline.
    .catch((error: unknown) => console.warn('Shoebox works without offline support here:', error));
}

/** Activates the waiting version and reloads once it controls the page. Callers check the app is idle first. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

export function getUpdateState(): UpdateState {
  return state;
}

export function subscribeUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: UpdateState): void {
  state = next;
  listeners.forEach((l) => l());
}
