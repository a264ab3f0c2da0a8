import { clipVitBasePatch32 } from './clip-vit-base-patch32';
import { mobileclipS0 } from './mobileclip-s0';
import { vitGpt2ImageCaptioning } from './vit-gpt2-image-captioning';
import { florence2BaseFt } from './florence-2-base-ft';
import { fixtureColorClip } from './fixture-color-clip';
import { fixtureColorCaptioner } from './fixture-color-captioner';
import { fixtureColorFlorence } from './fixture-color-florence';
import { smolvlm256mInstruct } from './smolvlm-256m-instruct';
import { fixtureColorSmolvlm } from './fixture-color-smolvlm';
import { importedModels } from './imported';
import type { AskerSpec, CaptionerSpec, EmbedderSpec, ModelSpec } from './types';

export type * from './types';

/** Every model Shoebox knows, real ones first. */
export const MODEL_CATALOG: readonly ModelSpec[] = [
  clipVitBasePatch32,
  mobileclipS0,
  vitGpt2ImageCaptioning,
  florence2BaseFt,
  smolvlm256mInstruct,
  fixtureColorClip,
  fixtureColorCaptioner,
  fixtureColorFlorence,
  fixtureColorSmolvlm,
];

/** Which models a fresh library uses, for the hub and for the offline demo. */
export const DEFAULT_MODELS = {
  hub: { embedder: clipVitBasePatch32, captioner: vitGpt2ImageCaptioning, asker: smolvlm256mInstruct },
  demo: { embedder: fixtureColorClip, captioner: fixtureColorCaptioner, asker: fixtureColorSmolvlm },
} as const;

/** A catalog model or one the user imported from a folder (see `imported.ts`). */
export function findModel(id: string): ModelSpec | undefined {
  return MODEL_CATALOG.find((m) => m.id === id) ?? importedModels().find((m) => m.id === id);
}

export function isEmbedder(spec: ModelSpec): spec is EmbedderSpec {
  return spec.task === 'embed';
}

export function isCaptioner(spec: ModelSpec): spec is CaptionerSpec {
  return spec.task === 'caption';
}

export function isAsker(spec: ModelSpec): spec is AskerSpec {
  return spec.task === 'ask';
}
