import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import { ORT_WASM_PATHS } from './shared';

/** The model ceiling: a bare onnxruntime-web session on pre-made tensors, same build and threads as the engine. */

export interface SessionTiming {
  loadMs: number;
  runsMs: number[];
}

async function session(url: string, threads: number): Promise<[ort.InferenceSession, number]> {
  ort.env.wasm.wasmPaths = ORT_WASM_PATHS();
  ort.env.wasm.numThreads = threads;
  const t0 = performance.now();
  const s = await ort.InferenceSession.create(url, { executionProviders: ['wasm'] });
  return [s, performance.now() - t0];
}

async function timeRuns(s: ort.InferenceSession, feeds: Record<string, ort.Tensor>, runs: number): Promise<number[]> {
  // Warm-up: the first runs allocate (arena, page faults) and are several times slower.
  await s.run(feeds);
  await s.run(feeds);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await s.run(feeds);
    times.push(performance.now() - t0);
  }
  return times;
}

/** Sessions kept open by `open`, for runs interleaved with the engine's (see engineVsSession). */
let kept: { vision: ort.InferenceSession; text: ort.InferenceSession } | null = null;

const api = {
  /** Opens the vision and text sessions once; `visionRun` and `textRun` then time one run each. */
  async open(visionUrl: string, textUrl: string, threads: number): Promise<{ loadMs: number }> {
    const [vision, visionMs] = await session(visionUrl, threads);
    const [text, textMs] = await session(textUrl, threads);
    kept = { vision, text };
    return { loadMs: visionMs + textMs };
  },
  /** One run of the kept vision session on `pixels` ([batch, 3, side, side], as the engine would feed it). */
  async visionRun(pixels: Float32Array, batch: number, side: number): Promise<number> {
    const feeds = { pixel_values: new ort.Tensor('float32', pixels, [batch, 3, side, side]) };
    const t0 = performance.now();
    await kept!.vision.run(feeds);
    return performance.now() - t0;
  },
  /** One run of the kept text session on one query's token ids. */
  async textRun(ids: number[]): Promise<number> {
    const feeds = { input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]) };
    const t0 = performance.now();
    await kept!.text.run(feeds);
    return performance.now() - t0;
  },
  /** `runs` timed runs of the vision encoder on a [batch, 3, 224, 224] tensor. */
  async vision(url: string, threads: number, batch: number, runs: number): Promise<SessionTiming> {
    const [s, loadMs] = await session(url, threads);
    const data = new Float32Array(batch * 3 * 224 * 224);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 1.8;
    const runsMs = await timeRuns(s, { pixel_values: new ort.Tensor('float32', data, [batch, 3, 224, 224]) }, runs);
    await s.release();
    return { loadMs, runsMs };
  },
  /** `runs` timed runs of the text encoder on one query of `tokens` ids (end token last, as CLIP pools it). */
  async text(url: string, threads: number, tokens: number, runs: number): Promise<SessionTiming> {
    const [s, loadMs] = await session(url, threads);
    const ids = BigInt64Array.from({ length: tokens }, (_, i) => (i === tokens - 1 ? 607n : BigInt(10 + i)));
    const runsMs = await timeRuns(s, { input_ids: new ort.Tensor('int64', ids, [1, tokens]) }, runs);
    await s.release();
    return { loadMs, runsMs };
  },
};

export type OrtCeilingApi = typeof api;
Comlink.expose(api);
