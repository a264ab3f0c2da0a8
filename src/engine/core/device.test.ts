import { describe, expect, it } from 'vitest';
import { chooseDevice, chooseDtype, wasmThreads, type DeviceCapabilities } from './device';
import { clipVitBasePatch32 } from '../models/clip-vit-base-patch32';

const gpu: DeviceCapabilities = { webgpu: true, shaderF16: true, threads: 8, crossOriginIsolated: true };
const gpuNoF16: DeviceCapabilities = { ...gpu, shaderF16: false };
const cpuOnly: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: true };

describe('chooseDevice', () => {
  it('prefers WebGPU when an adapter exists', () => {
    expect(chooseDevice(gpu, 'auto')).toBe('webgpu');
    expect(chooseDevice(cpuOnly, 'auto')).toBe('wasm');
  });
  it('honours the user override, but never asks for a missing WebGPU', () => {
    expect(chooseDevice(gpu, 'wasm')).toBe('wasm');
    expect(chooseDevice(cpuOnly, 'webgpu')).toBe('wasm');
  });
});

describe('chooseDtype', () => {
  it('uses fp16 on WebGPU only with shader-f16, q8 on WASM', () => {
    expect(chooseDtype(clipVitBasePatch32, 'webgpu', gpu)).toBe('fp16');
    expect(chooseDtype(clipVitBasePatch32, 'webgpu', gpuNoF16)).toBe('fp32');
    expect(chooseDtype(clipVitBasePatch32, 'wasm', gpu)).toBe('q8');
  });
});

describe('wasmThreads', () => {
  it('uses every core on 2 cores when cross-origin isolated (onnxruntime-web would use half)', () => {
    expect(wasmThreads({ threads: 2, crossOriginIsolated: true })).toBe(2);
  });
  it('leaves the decode workers their cores on bigger machines (the core budget)', () => {
    expect(wasmThreads({ threads: 16, crossOriginIsolated: true })).toBe(14);
    expect(wasmThreads({ threads: 4, crossOriginIsolated: true })).toBe(3);
  });
  it('falls back to one thread without SharedArrayBuffer', () => {
    expect(wasmThreads({ threads: 8, crossOriginIsolated: false })).toBe(1);
  });
});
