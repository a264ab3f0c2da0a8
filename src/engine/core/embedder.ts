import type { EmbedderFamily, EmbedderSpec } from '../models/types';
import { rgbaToPixelValues, pixelSpecFromProcessorConfig, type PixelSpec } from './pixels';
import type { LoadContext, Transformers } from './transformers';
import type { DTypeChoice } from '../models/types';

/** Which towers of a CLIP- or SigLIP-family model a caller needs: search needs only the text tower; importing needs both. */
export type Towers = 'text' | 'both';

/** The text half of a CLIP-family model: texts in, L2-normalized vectors out; knows the crop the vision half wants. */
export interface TextTower {
  readonly spec: EmbedderSpec;
  readonly pixels: PixelSpec;
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** The vision half: square RGBA crops (of `TextTower.pixels.size`) in, L2-normalized vectors out. */
export interface VisionTower {
  embedImages(crops: readonly Uint8ClampedArray[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

type Tokenizer = Awaited<ReturnType<LoadContext['tf']['AutoTokenizer']['from_pretrained']>>;
type PretrainedModel = Awaited<ReturnType<LoadContext['tf']['CLIPTextModelWithProjection']['from_pretrained']>>;
type TensorLike = { dims: number[]; data: ArrayLike<number>; type: string };

function loadOptions(ctx: LoadContext, dtype: DTypeChoice): Record<string, unknown> {
  return { device: ctx.device, dtype, progress_callback: ctx.progressCallback };
}

/**
 * Loads the tokenizer, the image config (a few bytes: the crop size) and the text encoder, then warms it up (the
 * first run is up to 10x slower). A returning user searches as soon as this is done; the vision tower loads later.
 */
export async function loadTextTower(ctx: LoadContext, spec: EmbedderSpec, dtype: DTypeChoice): Promise<TextTower> {
  const { tf } = ctx;
  const options = loadOptions(ctx, dtype);
  const classes = FAMILY_CLASSES[spec.family];
  // The three load side by side: the tokenizer's files are read and parsed while the session is built.
  const [tokenizer, imageProcessor, textModel] = await Promise.all([
    tf.AutoTokenizer.from_pretrained(spec.repo, options),
    tf.AutoImageProcessor.from_pretrained(spec.repo, options),
    tf[classes.text].from_pretrained(spec.repo, options),
  ]);
  const pixels = pixelSpecFromProcessorConfig(
    (imageProcessor as unknown as { config: Record<string, unknown> }).config,
  );
  const tower: TextTower = {
    spec,
    pixels,
    async embedTexts(texts) {
      if (texts.length === 0) return [];
      const inputs = tokenize(tokenizer, spec.lowercaseText ? texts.map((t) => t.toLowerCase()) : texts, spec);
      const outputs = (await textModel(inputs)) as Record<string, TensorLike>;
      return normalizedRows(outputs[classes.textOutput]!);
    },
    dispose: () => disposeModel(textModel),
  };
  ctx.onProgress?.({ status: 'warmup' });
  await tower.embedTexts(['a photo']);
  return tower;
}

/** Loads the vision encoder and warms it up with one blank crop. */
export async function loadVisionTower(
  ctx: LoadContext,
  spec: EmbedderSpec,
  dtype: DTypeChoice,
  pixels: PixelSpec,
): Promise<VisionTower> {
  const { tf } = ctx;
  const classes = FAMILY_CLASSES[spec.family];
  const visionModel = await tf[classes.vision].from_pretrained(spec.repo, loadOptions(ctx, dtype));
  const tower: VisionTower = {
    async embedImages(crops) {
      if (crops.length === 0) return [];
      const data = rgbaToPixelValues(crops, pixels);
      const pixel_values = new tf.Tensor('float32', data, [crops.length, 3, pixels.size, pixels.size]);
      const outputs = (await visionModel({ pixel_values })) as Record<string, TensorLike>;
      return normalizedRows(outputs[classes.imageOutput]!);
    },
    dispose: () => disposeModel(visionModel),
  };
  ctx.onProgress?.({ status: 'warmup' });
  await tower.embedImages([new Uint8ClampedArray(pixels.size * pixels.size * 4)]);
  return tower;
}

/** What loads each family and which of its outputs is the embedding (before normalizing). */
const FAMILY_CLASSES = {
  clip: {
    text: 'CLIPTextModelWithProjection',
    vision: 'CLIPVisionModelWithProjection',
    textOutput: 'text_embeds',
    imageOutput: 'image_embeds',
  },
  siglip: {
    text: 'SiglipTextModel',
    vision: 'SiglipVisionModel',
    textOutput: 'pooler_output',
    imageOutput: 'pooler_output',
  },
} as const satisfies Record<
  EmbedderFamily,
  { text: keyof Transformers; vision: keyof Transformers; textOutput: string; imageOutput: string }
>;

/**
 * Queries go in at their real length where the model allows: padding CLIP text to 77 tokens is 4-6x slower.
 * SigLIP reads its embedding at the last position, so it gets the padding to its context it was trained with.
 */
function tokenize(tokenizer: Tokenizer, texts: readonly string[], spec: EmbedderSpec) {
  return tokenizer([...texts], {
    padding: spec.padTextToMax ? 'max_length' : true,
    truncation: true,
    max_length: spec.maxTextTokens,
  });
}

/** Splits a [n, d] tensor into n unit-length vectors (fp16 outputs are widened to float32). */
export function normalizedRows(tensor: TensorLike): Float32Array[] {
  const [n = 0, d = 0] = tensor.dims;
  const data = tensor.type === 'float16' ? float16ToFloat32(tensor.data as Uint16Array) : tensor.data;
  const rows: Float32Array[] = [];
  for (let r = 0; r < n; r++) {
    const row = new Float32Array(d);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = Number(data[r * d + j]);
      row[j] = v;
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) row[j] = row[j]! * inv;
    rows.push(row);
  }
  return rows;
}

function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) out[i] = sign * 2 ** -14 * (frac / 1024);
    else if (exp === 31) out[i] = frac ? NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}

async function disposeModel(model: PretrainedModel): Promise<void> {
  await (model as unknown as { dispose?: () => Promise<unknown> }).dispose?.();
}
