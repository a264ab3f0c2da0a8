import { clipVitBasePatch32 } from './clip-vit-base-patch32';
import { mobileclipS0 } from './mobileclip-s0';
import { siglip2BasePatch16_224 } from './siglip2-base-patch16-224';
import { vitGpt2ImageCaptioning } from './vit-gpt2-image-captioning';
import { florence2BaseFt } from './florence-2-base-ft';
import { fixtureColorClip } from './fixture-color-clip';
import { fixtureColorSiglip } from './fixture-color-siglip';
import { fixtureColorCaptioner } from './fixture-color-captioner';
import { fixtureColorFlorence } from './fixture-color-florence';
import { smolvlm256mInstruct } from './smolvlm-256m-instruct';
import { fixtureColorSmolvlm } from './fixture-color-smolvlm';
import { importedModels } from './imported';
import { CLIP_SCORING, type ZeroShotScoring } from '../../search/zeroShot';
import type { AskerSpec, CaptionerSpec, EmbedderSpec, ModelSpec } from './types';

export type * from './types';

/** Every model Shoebox knows, real ones first. */
export const MODEL_CATALOG: readonly ModelSpec[] = [
  clipVitBasePatch32,
  mobileclipS0,
  siglip2BasePatch16_224,
  vitGpt2ImageCaptioning,
  florence2BaseFt,
  smolvlm256mInstruct,
  fixtureColorClip,
  fixtureColorSiglip,
  fixtureColorCaptioner,
  fixtureColorFlorence,
  fixtureColorSmolvlm,
];

/** Which models a fresh library uses, for the hub and for the offline demo (README, "Models": why MobileCLIP S0). */
export const DEFAULT_MODELS = {
  hub: { embedder: mobileclipS0, captioner: vitGpt2ImageCaptioning, asker: smolvlm256mInstruct },
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

/** How an embedder's cosines become probabilities (its own loss, scale and bias); CLIP's for a model not known here. */
export function embedderScoring(id: string): ZeroShotScoring {
  const spec = findModel(id);
  return spec && isEmbedder(spec) ? spec.scoring : CLIP_SCORING;
}

export function isAsker(spec: ModelSpec): spec is AskerSpec {
  return spec.task === 'ask';
}
