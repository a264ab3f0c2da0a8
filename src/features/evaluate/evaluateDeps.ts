/** Adapts the engine, the library and a decoder to what an `Evaluation` needs (`EvalDeps`). */
import type { EngineClient } from '../../engine/client';
import type { DevicePreference } from '../../engine/protocol';
import { getCaption } from '../../library/captions';
import type { Library } from '../../library/db';
import { getEmbedding, loadEmbeddingBlocks } from '../../library/embeddings';
import { getThumbnail, listPhotos } from '../../library/photos';
import type { DecodeResult } from '../../ingest/types';
import { MODEL_INPUT_SIDE } from '../../ingest/tunables';
import { rowDequantize } from '../../search/quantize';
import { sha256Hex } from '../../shared/hashing';
import { blobToPixels } from '../../shared/pixels';
import type { EvalDeps } from './evaluate';
import { projectInWorker } from './mapClient';
import { splitEvaluateInWorker } from './probeClient';

export interface EvalHost {
  readonly engine: Pick<EngineClient, 'load' | 'inputSize' | 'embedImages' | 'embedTexts' | 'caption'>;
  /** The open library, or null before it opens (then nothing stored is reused). */
  lib(): Library | null;
  device(): DevicePreference;
  decode(file: File, side: number, signal: AbortSignal): Promise<DecodeResult>;
  /** Puts the app's own embedder back in the engine after an evaluation swapped it out. */
  restoreModels(): Promise<void>;
}

export function evalDeps(host: EvalHost): EvalDeps {
  const { engine } = host;
  return {
    loadModel: async (modelId, signal) => void (await engine.load(modelId, host.device(), signal)),
    inputSize: (modelId) => engine.inputSize(modelId),
    embedImages: (modelId, crops, signal) => engine.embedImages(modelId, crops, signal),
    embedTexts: (modelId, texts, signal) => engine.embedTexts(modelId, texts, signal),
    caption: (modelId, image, signal) => engine.caption(modelId, image, undefined, signal),
    hashFile: async (file) => sha256Hex(await file.arrayBuffer()),
    storedEmbedding: async (modelId, photoId) => {
      const lib = host.lib();
      const row = lib ? await getEmbedding(lib, modelId, photoId) : undefined;
      return row && rowDequantize(row.codes, row.scale, row.codes.length);
    },
    storedCaption: async (modelId, photoId) => {
      const lib = host.lib();
      const caption = lib ? await getCaption(lib, modelId, photoId) : undefined;
      return caption && caption.source !== 'user' ? caption.text : undefined;
    },
    decodeCrop: async (file, side, signal) => {
      const result = await host.decode(file, side, signal);
      return result.ok ? result.modelInput : { error: result.reason };
    },
    // The decoder's thumbnail: a small upright picture is what a captioner needs, not the square crop.
    decodeForCaption: async (file, signal) => {
      const result = await host.decode(file, MODEL_INPUT_SIDE, signal);
      return result.ok ? await blobToPixels(result.thumbnail) : { error: result.reason };
    },
    restoreModels: () => host.restoreModels(),
    evaluateSplit: splitEvaluateInWorker,
    projectMap: projectInWorker,
    libraryPhotos: async () => {
      const lib = host.lib();
      return lib ? (await listPhotos(lib)).map((p) => ({ id: p.id, path: p.path })) : [];
    },
    storedEmbeddings: async (modelId) => {
      const lib = host.lib();
      const vectors = new Map<string, Float32Array>();
      for (const block of lib ? await loadEmbeddingBlocks(lib, modelId) : []) {
        block.ids.forEach((id, r) =>
          vectors.set(
            id,
            rowDequantize(block.codes.subarray(r * block.dims, (r + 1) * block.dims), block.scales[r]!, block.dims),
          ),
        );
      }
      return vectors;
    },
    thumbnail: async (photoId) => {
      const lib = host.lib();
      return lib ? await getThumbnail(lib, photoId) : undefined;
    },
  };
}
