import { coreBudget } from '../../ingest/coreBudget';
import type { Device, DTypeChoice, ModelSpec } from '../models/types';

/** What the browser offers, probed once in the worker. */
export interface DeviceCapabilities {
  readonly webgpu: boolean;
  readonly shaderF16: boolean;
  readonly threads: number;
  readonly crossOriginIsolated: boolean;
}

/** The user's choice in settings: let Shoebox pick, or force one backend. */
export type DevicePreference = 'auto' | Device;

/** WebGPU when an adapter exists (unless the user said otherwise), WASM everywhere else. */
export function chooseDevice(caps: DeviceCapabilities, preference: DevicePreference): Device {
  if (preference === 'wasm') return 'wasm';
  if (preference === 'webgpu') return caps.webgpu ? 'webgpu' : 'wasm';
  return caps.webgpu ? 'webgpu' : 'wasm';
}

/** The dtype a model runs with on a device: fp16 only where the adapter has `shader-f16`. */
export function chooseDtype(spec: ModelSpec, device: Device, caps: DeviceCapabilities): DTypeChoice {
  if (device === 'wasm') return spec.dtype.wasm;
  return caps.shaderF16 ? spec.dtype.webgpu : spec.dtype.webgpuNoF16;
}

/**
 * WASM threads when cross-origin isolated, else one: the core budget's share for ORT (every core on up to 2 cores;
 * beside the decode workers on more: src/ingest/coreBudget.ts). onnxruntime-web's own default is half the cores.
 */
export function wasmThreads(caps: Pick<DeviceCapabilities, 'threads' | 'crossOriginIsolated'>): number {
  return caps.crossOriginIsolated ? coreBudget({ cores: caps.threads, webgpu: false }).ortThreads : 1;
}

/** Probes WebGPU in the current global scope (window or worker); never throws. */
export async function probeCapabilities(): Promise<DeviceCapabilities> {
  const nav = globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined;
  let webgpu = false;
  let shaderF16 = false;
  try {
    const adapter = await nav?.gpu?.requestAdapter();
    webgpu = !!adapter;
    shaderF16 = !!adapter?.features.has('shader-f16');
  } catch {
    webgpu = false;
  }
  return {
    webgpu,
    shaderF16,
    threads: nav?.hardwareConcurrency ?? 1,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

/** The slice of the WebGPU API the probe needs (the DOM typings here don't ship WebGPU types). */
interface GpuLike {
  requestAdapter(): Promise<{ features: { has(name: string): boolean } } | null>;
}
