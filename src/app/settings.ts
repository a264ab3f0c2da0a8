import type { DevicePreference } from '../engine/protocol';

/** What the URL and saved settings say about models: `?models=demo` uses the offline fixture models. */
export interface Settings {
  readonly modelSource: 'hub' | 'demo';
  readonly device: DevicePreference;
}

const KEY = 'shoebox.settings';

export function readSettings(url: URL = new URL(location.href), storage: Storage | null = safeStorage()): Settings {
  const saved = parse(storage?.getItem(KEY));
  const param = url.searchParams.get('models');
  const modelSource = param === 'demo' || param === 'hub' ? param : (saved.modelSource ?? 'hub');
  const deviceParam = url.searchParams.get('device');
  const device = isDevice(deviceParam) ? deviceParam : (saved.device ?? 'auto');
  return { modelSource, device };
}

export function saveSettings(settings: Settings, storage: Storage | null = safeStorage()): void {
  storage?.setItem(KEY, JSON.stringify(settings));
}

/** How the gallery draws tiles: at each photo's own aspect ratio (justified rows) or as square crops. */
export type GridLayout = 'justified' | 'square';
const GRID_KEY = 'shoebox.grid';

export function readGridLayout(storage: Storage | null = safeStorage()): GridLayout {
  return storage?.getItem(GRID_KEY) === 'square' ? 'square' : 'justified';
}

export function saveGridLayout(grid: GridLayout, storage: Storage | null = safeStorage()): void {
  storage?.setItem(GRID_KEY, grid);
}

function isDevice(v: string | null): v is DevicePreference {
  return v === 'auto' || v === 'wasm' || v === 'webgpu';
}

function parse(text: string | null | undefined): Partial<Settings> {
  try {
    return text ? (JSON.parse(text) as Partial<Settings>) : {};
  } catch {
    return {};
  }
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
