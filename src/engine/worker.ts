/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@huggingface/transformers';
import { createEngine, type Engine } from './core/engine';
import { probeCapabilities, wasmThreads } from './core/device';
import { configureRuntime } from './core/runtime';
import { registerImportedModels } from './models/imported';
import type { EngineApi } from './protocol';

let engine: Engine | null = null;

function ready(): Engine {
  if (!engine) throw new Error('engine used before init()');
  return engine;
}

const api: EngineApi = {
  async init(config) {
    const caps = await probeCapabilities();
    configureRuntime(tf, config, wasmThreads(caps));
    engine = createEngine(tf, caps, (device) => device);
    return caps;
  },
  registerModels: async (specs) => registerImportedModels(specs),
  load: (modelId, preference, onProgress, towers) => ready().load(modelId, preference, onProgress, towers),
  inputSize: (modelId) => ready().inputSize(modelId),
  async embedImages(modelId, crops) {
    const vectors = await ready().embedImages(modelId, crops);
    return Comlink.transfer(
      vectors,
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  },
  embedTexts: (modelId, texts) => ready().embedTexts(modelId, texts),
  caption: (modelId, image, options) => ready().caption(modelId, image, options),
  ask: (modelId, image, question, onToken) => ready().ask(modelId, image, question, onToken),
  cancelAsk: () => ready().cancelAsk(),
  resident: async () => ready().resident(),
  stats: async () => ready().stats(),
};

Comlink.expose(api);
