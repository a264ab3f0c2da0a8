/**
 * Work that must not be cut short by an update reload: importing a library file or a model folder. (Indexing
 * photos is visible as the app's `indexing` phase and is checked separately.)
 */
let running = 0;
const listeners = new Set<() => void>();

export async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  running++;
  notify();
  try {
    return await work();
  } finally {
    running--;
    notify();
  }
}

export function isBusy(): boolean {
  return running > 0;
}

export function onBusyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  listeners.forEach((l) => l());
}
