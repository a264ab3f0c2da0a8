import type { ZeroShotScoring } from '../../search/zeroShot';

/** Where a model's files come from: the Hugging Face hub (cached after the first download) or the app's own origin. */
export type ModelSource = 'hub' | 'demo' | 'imported';

/** The execution backend a model runs on in the browser. */
export type Device = 'webgpu' | 'wasm';

/** transformers.js data types Shoebox asks for; each maps to an ONNX file suffix (q8 -> `_quantized`). */
export type DType = 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';

/** A dtype for the whole model, or one per ONNX file base name (`encoder_model`, `decoder_model_merged`, ...). */
export type DTypeChoice = DType | Record<string, DType>;

interface ModelSpecBase {
  /** Stable key for stored vectors and captions: changing it orphans what was computed with the model. */
  readonly id: string;
  /** Folder on the hub, or under the app's `/models/` for demo models. */
  readonly repo: string;
  readonly source: ModelSource;
  readonly name: string;
  readonly description: string;
  /** Approximate download size (MB) with the WASM dtype, shown before downloading. */
  readonly approxSizeMB: number;
  /** dtype per device; `webgpuNoF16` is used on adapters without `shader-f16`. */
  readonly dtype: { readonly wasm: DTypeChoice; readonly webgpu: DTypeChoice; readonly webgpuNoF16: DTypeChoice };
}

/**
 * Which transformers.js classes load an embedder and which output is its embedding: CLIP (`CLIPTextModelWithProjection`,
 * `text_embeds` / `image_embeds`) or SigLIP (`SiglipTextModel`, `pooler_output`; SigLIP 2's fixed-resolution models too).
 */
export type EmbedderFamily = 'clip' | 'siglip';

/** A CLIP-family model: images and texts embedded in one space. */
export interface EmbedderSpec extends ModelSpecBase {
  readonly task: 'embed';
  readonly family: EmbedderFamily;
  readonly dims: number;
  /** How its cosines become probabilities (zero-shot labels, evaluation): the model's own loss, scale and bias. */
  readonly scoring: ZeroShotScoring;
  /** The text encoder's context in tokens (CLIP 77, SigLIP 64): longer texts are truncated. */
  readonly maxTextTokens: number;
  /** Texts are lowercased before tokenizing: SigLIP 2 was trained on lowercased text. */
  readonly lowercaseText?: boolean;
  /** Prompt templates with a `{}` placeholder; several are averaged (prompt ensembling, as in the CLIP paper). */
  readonly promptTemplates: readonly string[];
  /** Initial relevance cutoff (cosine) for text search: weak matches below it are hidden until the user moves it. */
  readonly defaultMinScore: number;
  /** Whether the text encoder takes queries at their real length (CLIP: yes) or needs padding to its context (SigLIP pools the last position, so it must see the padding it was trained with). */
  readonly padTextToMax: boolean;
}

/** An image-to-text model. */
export interface CaptionerSpec extends ModelSpecBase {
  readonly task: 'caption';
  readonly architecture: 'vision-encoder-decoder' | 'florence2';
  readonly maxNewTokens: number;
  /** Florence-2 takes a task token such as `<CAPTION>` or `<DETAILED_CAPTION>`. */
  readonly taskPrompt?: string;
}

/** A small vision-language model that answers a question about a photo (SmolVLM's Idefics3 layout). */
export interface AskerSpec extends ModelSpecBase {
  readonly task: 'ask';
  readonly architecture: 'idefics3';
  readonly maxNewTokens: number;
}

export type ModelSpec = EmbedderSpec | CaptionerSpec | AskerSpec;

/** The models that generate text; only one of them is resident at a time. */
export type GenerativeSpec = CaptionerSpec | AskerSpec;
