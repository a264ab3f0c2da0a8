import * as Comlink from 'comlink';
import * as tf from '@huggingface/transformers';
import { ORT_WASM_PATHS } from './shared';

/**
 * The usual way, as in the transformers.js examples: AutoProcessor + CLIPVisionModelWithProjection on a RawImage,
 * one photo at a time. Same model files, same ONNX Runtime build and threads as the app's engine.
 */
const api = {
  async run(
    repo: string,
    threads: number,
    files: Blob[],
    warm: Blob,
  ): Promise<{ loadMs: number; perPhotoMs: number[] }> {
    tf.env.localModelPath = new URL('/models/', location.origin).href;
    tf.env.allowLocalModels = true;
    tf.env.allowRemoteModels = false;
    tf.env.useBrowserCache = false;
    const wasm = tf.env.backends.onnx.wasm!;
    wasm.wasmPaths = ORT_WASM_PATHS();
    wasm.numThreads = threads;
    const t0 = performance.now();
    const processor = await tf.AutoProcessor.from_pretrained(repo);
    const model = await tf.CLIPVisionModelWithProjection.from_pretrained(repo, { device: 'wasm', dtype: 'q8' });
    const loadMs = performance.now() - t0;
    const embed = async (file: Blob) => {
      const image = await tf.RawImage.fromBlob(file);
      const inputs = await processor(image);
      const { image_embeds } = (await model(inputs)) as { image_embeds: { dims: number[] } };
      return image_embeds.dims;
    };
    await embed(warm);
    const perPhotoMs: number[] = [];
    for (const file of files) {
      const t = performance.now();
      await embed(file);
      perPhotoMs.push(performance.now() - t);
    }
    await model.dispose();
    return { loadMs, perPhotoMs };
  },
};

export type UsualWayApi = typeof api;
Comlink.expose(api);
