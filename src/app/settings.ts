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

/** Light or dark: the system's preference, or the one chosen in the header. */
export type Theme = 'system' | 'light' | 'dark';
const THEME_KEY = 'shoebox.theme';

export function readTheme(storage: Storage | null = safeStorage()): Theme {
  const saved = storage?.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function saveTheme(theme: Theme, storage: Storage | null = safeStorage()): void {
  storage?.setItem(THEME_KEY, theme);
}

/** app.css picks its colours from `color-scheme`, which `data-theme` pins; without it the system decides. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
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
