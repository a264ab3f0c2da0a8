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
