import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTransformers, MODELS_DIR } from '../../test-support/node-transformers';
import type { DeviceCapabilities } from './device';
import { createEngine } from './engine';
import {
  DamagedModelError,
  evictIfDamaged,
  evictModelFiles,
  isCorruptModelError,
  type CacheStorageLike,
} from './integrity';
import type { Transformers } from './transformers';

const caps: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 1, crossOriginIsolated: false };
const CLIP = 'fixture-color-clip';
const VISION = 'fixtures/color-clip/onnx/vision_model_quantized.onnx';
const CONFIG = 'fixtures/color-clip/config.json';

/** An in-memory CacheStorage holding `urls` per cache name; `onDelete` sees every deleted URL. */
function fakeCaches(contents: Record<string, string[]>, onDelete: (url: string) => void = () => {}): CacheStorageLike {
  const caches = new Map(Object.entries(contents).map(([name, urls]) => [name, new Set(urls)]));
  return {
    keys: async () => [...caches.keys()],
    open: async (name: string) => {
      const urls = caches.get(name) ?? new Set<string>();
      return {
        keys: async () => [...urls].map((u) => new Request(u)),
        delete: async (request: Request) => {
          onDelete(request.url);
          return urls.delete(request.url);
        },
      } as unknown as Cache;
    },
  };
}

beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => {})); // said on every repair

describe('isCorruptModelError', () => {
  it('knows damaged files from missing or unreachable ones', () => {
    expect(isCorruptModelError(new SyntaxError('Unexpected end of JSON input'))).toBe(true);
    expect(isCorruptModelError(new Error('load failed', { cause: new SyntaxError('bad') }))).toBe(true);
    expect(isCorruptModelError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isCorruptModelError(new Error('file was not found locally at "/models/x/config.json"'))).toBe(false);
    expect(isCorruptModelError(new Error('unknown model "x"'))).toBe(false);
    expect(isCorruptModelError(null)).toBe(false);
  });
});

describe('evictModelFiles', () => {
  it("deletes one repo's files from every cache and nothing else", async () => {
    const deleted: string[] = [];
    const storage = fakeCaches(
      {
        'transformers-cache': [
          'https://huggingface.co/Xenova/clip/resolve/main/config.json',
          'https://huggingface.co/Xenova/clip-large/resolve/main/config.json',
          'http://app.test/models/fixtures/color-clip/onnx/vision_model_quantized.onnx',
        ],
        'shoebox-demo-models': ['http://app.test/models/fixtures/color-clip/config.json'],
        'workbox-precache-v2': ['http://app.test/index.html'],
      },
      (url) => deleted.push(url),
    );
    expect(await evictModelFiles(storage, 'fixtures/color-clip')).toBe(2);
    expect(await evictModelFiles(storage, 'Xenova/clip')).toBe(1);
    expect(deleted).toEqual([
      'http://app.test/models/fixtures/color-clip/onnx/vision_model_quantized.onnx',
      'http://app.test/models/fixtures/color-clip/config.json',
      'https://huggingface.co/Xenova/clip/resolve/main/config.json',
    ]);
  });
});

describe('evictIfDamaged', () => {
  it('evicts after a damaged file, and only then', async () => {
    let evictions = 0;
    const evict = async () => void evictions++;
    const damaged = async () => Promise.reject(new Error("Can't create a session. protobuf parsing failed."));
    const error = await evictIfDamaged(damaged, evict, 'Demo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedModelError);
    expect((error as Error).name).toBe('DamagedModelError'); // what the client sees across the worker boundary
    expect(evictions).toBe(1);

    const offline = async () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(evictIfDamaged(offline, evict, 'Demo')).rejects.toThrow('Failed to fetch');
    await expect(evictIfDamaged(damaged, null, 'Imported')).rejects.toThrow('protobuf parsing failed');
    expect(await evictIfDamaged(async () => 'model', evict, 'Demo')).toBe('model');
    expect(evictions).toBe(1);
  });
});

describe('the engine with a damaged model file (real transformers.js + onnxruntime-web WASM)', () => {
  let tf: Transformers;
  let dir: string;
  let originalPath: string;
  const good = (file: string) => readFileSync(join(MODELS_DIR, file));
  const write = (file: string, bytes: Uint8Array | string) => writeFileSync(join(dir, file), bytes);

  beforeAll(async () => {
    tf = await loadTransformers();
    originalPath = tf.env.localModelPath;
    dir = mkdtempSync(join(tmpdir(), 'shoebox-models-'));
    cpSync(MODELS_DIR, dir, { recursive: true });
    tf.env.localModelPath = `${dir}/`;
  });
  afterAll(() => {
    tf.env.localModelPath = originalPath;
  });

  it('recognizes what ONNX Runtime and the JSON parser say about damaged files', async () => {
    for (const [file, damage] of [
      [VISION, Buffer.from('<html>not a model</html>')],
      [VISION, good(VISION).subarray(0, 2000)],
      [CONFIG, good(CONFIG).subarray(0, 40)],
    ] as const) {
      write(file, damage);
      const engine = createEngine(tf, caps, () => 'auto', null);
      const error = await engine.load(CLIP, 'auto').catch((e: unknown) => e);
      expect(isCorruptModelError(error), `${file}: ${String(error)}`).toBe(true);
      write(file, good(file));
    }
  });

  it('evicts the cached files of a model that fails to load; the next load fetches them again and works', async () => {
    write(VISION, good(VISION).subarray(0, 1000)); // a download cut short, kept by the cache
    const cached = `http://app.test/models/${VISION}`;
    const storage = fakeCaches({ 'transformers-cache': [cached] }, (url) => {
      if (url === cached) write(VISION, good(VISION)); // what the next fetch brings
    });
    const engine = createEngine(tf, caps, () => 'auto', storage);
    await expect(engine.load(CLIP, 'auto')).rejects.toThrow(DamagedModelError);
    // The failed load is not remembered: the next call loads from scratch (the client does it in a fresh worker).
    await expect(engine.load(CLIP, 'auto')).resolves.toMatchObject({ modelId: CLIP, dims: 32 });
    // The text tower loaded once; the damaged vision tower twice (once failing, once fetched anew).
    expect(engine.stats().modelLoads).toBe(3);
    expect(await engine.embedTexts(CLIP, ['red'])).toHaveLength(1);
  });

  it('searches with a damaged vision file; the first image to embed finds the damage and the next one works', async () => {
    write(VISION, good(VISION).subarray(0, 1000));
    const cached = `http://app.test/models/${VISION}`;
    const storage = fakeCaches({ 'transformers-cache': [cached] }, (url) => {
      if (url === cached) write(VISION, good(VISION));
    });
    const engine = createEngine(tf, caps, () => 'auto', storage);
    await expect(engine.load(CLIP, 'auto', undefined, 'text')).resolves.toMatchObject({ modelId: CLIP });
    expect(await engine.embedTexts(CLIP, ['red'])).toHaveLength(1);
    const blank = new Uint8ClampedArray(224 * 224 * 4);
    await expect(engine.embedImages(CLIP, [blank])).rejects.toThrow(DamagedModelError);
    expect(await engine.embedImages(CLIP, [blank])).toHaveLength(1);
  });
});
