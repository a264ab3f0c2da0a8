/** Wires an `Evaluation` to the app: the controller's engine and library, and a decoder of its own. */

import type { CaptionImage } from '../../engine/protocol';
import { getCaption } from '../../library/captions';
import { getEmbedding } from '../../library/embeddings';
import { MODEL_INPUT_SIDE } from '../../ingest/tunables';
import { readSettings } from '../settings';
import type { Controller } from './controller';
import { createDecoder } from './decoder';
import { Evaluation, type EvalDeps } from './evaluate';

const evaluations = new WeakMap<Controller, Evaluation>();

/** The controller's one Evaluation, so a report survives switching tabs. */
export function evaluationFor(controller: Controller): Evaluation {
  let evaluation = evaluations.get(controller);
  if (!evaluation) {
    const { embedderId, captionerId } = controller.store.get();
    evaluation = new Evaluation(controllerDeps(controller), { embedderId, captionerId });
    evaluations.set(controller, evaluation);
  }
  return evaluation;
}

function controllerDeps(controller: Controller): EvalDeps {
  const decoder = createDecoder();
  const engine = controller.engine;
  const device = () => readSettings().device;
  const libraryOrNull = () => {
    try {
      return controller.lib;
    } catch {
      return null; // the library is not open yet: nothing stored to reuse
    }
  };
  return {
    loadModel: async (modelId, signal) => void (await engine.load(modelId, device(), signal)),
    inputSize: (modelId) => engine.inputSize(modelId),
    embedImages: (modelId, crops, signal) => engine.embedImages(modelId, crops, signal),
    embedTexts: (modelId, texts, signal) => engine.embedTexts(modelId, texts, signal),
    caption: (modelId, image, signal) => engine.caption(modelId, image, undefined, signal),
    hashFile: async (file) => {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    },
    storedEmbedding: async (modelId, photoId) => {
      const lib = libraryOrNull();
      const row = lib ? await getEmbedding(lib, modelId, photoId) : undefined;
      return row && Float32Array.from(row.codes, (code) => code * row.scale);
    },
    storedCaption: async (modelId, photoId) => {
      const lib = libraryOrNull();
      const caption = lib ? await getCaption(lib, modelId, photoId) : undefined;
      return caption && caption.source !== 'user' ? caption.text : undefined;
    },
    decodeCrop: async (file, side, signal) => {
      const result = await decoder.decode(file, side, signal);
      return result.ok ? result.modelInput : { error: result.reason };
    },
    decodeForCaption: async (file, signal) => {
      const result = await decoder.decode(file, MODEL_INPUT_SIDE, signal);
      return result.ok ? await blobPixels(result.thumbnail) : { error: result.reason };
    },
    restoreModels: async () => {
      const { embedderId, device: loaded } = controller.store.get();
      if (loaded) await engine.load(embedderId, device());
    },
  };
}

/** A small upright picture's RGBA pixels (the decoder's thumbnail: what a captioner needs, not the square crop). */
async function blobPixels(blob: Blob): Promise<CaptionImage> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { rgba: data, width, height };
}
