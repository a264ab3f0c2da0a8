import * as Comlink from 'comlink';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { EngineClient } from '../../../src/engine/client';
import { pixelSpecFromProcessorConfig, rgbaToPixelValues } from '../../../src/engine/core/pixels';
import type { OrtCeilingApi } from './ort-ceiling.worker';
import { BENCH_MODEL, median, modelUrl, now, syntheticCrop, TUNABLES } from './shared';

/**
 * The engine against its own session, interleaved: the same model files, batch, threads and inputs (the engine's
 * pixel values, the engine's token ids), one engine call then one bare run, alternating which goes first. On a
 * shared machine the load drifts over seconds, so only pairs measured back to back are compared.
 */
export interface EngineVsSession {
  batch: number;
  threads: number;
  /** Per pair: bare ms / engine ms; the figure is their median. */
  imageRatio: number;
  textRatio: number;
  imageEngineMs: number[];
  imageSessionMs: number[];
  textEngineMs: number[];
  textSessionMs: number[];
  /** Photos/s of each, from the medians. */
  imageEnginePerSec: number;
  imageSessionPerSec: number;
  textEngineMedianMs: number;
  textSessionMedianMs: number;
  tokens: number[];
  engineLoadMs: number;
  sessionLoadMs: number;
}

export async function engineVsSession(threads: number, rounds: number, queries: string[]): Promise<EngineVsSession> {
  const batch = TUNABLES.indexBatchSize;
  const base = `/models/${BENCH_MODEL.repo}/`;
  const processorConfig = (await (await fetch(`${base}preprocessor_config.json`)).json()) as Record<string, unknown>;
  const pixels = pixelSpecFromProcessorConfig(processorConfig);
  env.localModelPath = '/models/';
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.useBrowserCache = false;
  const tokenizer = await AutoTokenizer.from_pretrained(BENCH_MODEL.repo);
  const ids = queries.map((q) => Array.from(tokenizer(q).input_ids.data as BigInt64Array, Number));

  const worker = new Worker(new URL('./ort-ceiling.worker.ts', import.meta.url), { type: 'module' });
  const bare = Comlink.wrap<OrtCeilingApi>(worker);
  const engine = new EngineClient();
  await engine.registerModels([BENCH_MODEL]); // the bench model is not in the app's catalog
  try {
    const t = now();
    await engine.load(BENCH_MODEL.id, 'wasm');
    const engineLoadMs = now() - t;
    const { loadMs: sessionLoadMs } = await bare.open(
      modelUrl('vision_model_quantized.onnx'),
      modelUrl('text_model_quantized.onnx'),
      threads,
    );
    const crops = (round: number) =>
      Array.from({ length: batch }, (_, i) => syntheticCrop(pixels.size, round * 97 + i));
    const engineImages = async (round: number) => {
      const input = crops(round);
      const t0 = now();
      await engine.embedImages(BENCH_MODEL.id, input);
      return now() - t0;
    };
    const bareImages = (round: number) => bare.visionRun(rgbaToPixelValues(crops(round), pixels), batch, pixels.size);
    const engineText = async (q: number) => {
      const t0 = now();
      await engine.embedTexts(BENCH_MODEL.id, [queries[q]!]);
      return now() - t0;
    };
    const bareText = (q: number) => bare.textRun(ids[q]!);
    // Warm-up at the measured shapes: the first runs of a session allocate and are several times slower.
    for (let w = 0; w < 2; w++) {
      await engineImages(0);
      await bareImages(0);
      await engineText(0);
      await bareText(0);
    }
    const result = {
      imageEngineMs: [] as number[],
      imageSessionMs: [] as number[],
      textEngineMs: [] as number[],
      textSessionMs: [] as number[],
    };
    for (let r = 0; r < rounds; r++) {
      const engineFirst = r % 2 === 0;
      for (const first of [engineFirst, !engineFirst]) {
        if (first) result.imageEngineMs.push(await engineImages(r + 1));
        else result.imageSessionMs.push(await bareImages(r + 1));
      }
      for (let q = 0; q < queries.length; q++) {
        for (const first of [engineFirst, !engineFirst]) {
          if (first) result.textEngineMs.push(await engineText(q));
          else result.textSessionMs.push(await bareText(q));
        }
      }
    }
    const ratios = (bareMs: number[], engineMs: number[]) => median(bareMs.map((b, i) => b / engineMs[i]!));
    return {
      batch,
      threads,
      imageRatio: ratios(result.imageSessionMs, result.imageEngineMs),
      textRatio: ratios(result.textSessionMs, result.textEngineMs),
      ...result,
      imageEnginePerSec: (batch * 1000) / median(result.imageEngineMs),
      imageSessionPerSec: (batch * 1000) / median(result.imageSessionMs),
      textEngineMedianMs: median(result.textEngineMs),
      textSessionMedianMs: median(result.textSessionMs),
      tokens: ids.map((x) => x.length),
      engineLoadMs,
      sessionLoadMs,
    };
  } finally {
    engine.dispose();
    worker.terminate();
  }
}
