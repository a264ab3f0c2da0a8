import type { CaptionerSpec, DTypeChoice } from '../models/types';
import type { LoadContext, Transformers } from './transformers';

/** Pixels handed to a captioner: an upright RGBA picture of any size. */
export interface CaptionImage {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * What a captioner is asked for: a caption (`detailed` for a longer one), a paragraph (`more-detailed`), or the
 * text written in the picture (`ocr`). Only Florence-2 does the last two.
 */
export type CaptionTask = 'caption' | 'detailed' | 'more-detailed' | 'ocr';

export interface CaptionOptions {
  /** Kept for callers of the first version: the same as `task: 'detailed'`. */
  readonly detailed?: boolean;
  readonly task?: CaptionTask;
}

/** Florence-2's task token for each task. */
export const FLORENCE_TASKS: Record<CaptionTask, string> = {
  caption: '<CAPTION>',
  detailed: '<DETAILED_CAPTION>',
  'more-detailed': '<MORE_DETAILED_CAPTION>',
  ocr: '<OCR>',
};

/** A loaded image-to-text model. */
export interface Captioner {
  readonly spec: CaptionerSpec;
  caption(image: CaptionImage, options?: CaptionOptions): Promise<string>;
  dispose(): Promise<void>;
}

function taskOf(options: CaptionOptions): CaptionTask {
  return options.task ?? (options.detailed ? 'detailed' : 'caption');
}

/** Loads a captioner and warms it up with one tiny picture. */
export async function loadCaptioner(ctx: LoadContext, spec: CaptionerSpec, dtype: DTypeChoice): Promise<Captioner> {
  const captioner =
    spec.architecture === 'florence2'
      ? await loadFlorence2(ctx, spec, dtype)
      : await loadEncoderDecoder(ctx, spec, dtype);
  ctx.onProgress?.({ status: 'warmup' });
  await captioner.caption({ rgba: new Uint8ClampedArray(32 * 32 * 4).fill(128), width: 32, height: 32 });
  return captioner;
}

function toRawImage(tf: Transformers, image: CaptionImage) {
  return new tf.RawImage(image.rgba, image.width, image.height, 4).rgb();
}

async function loadEncoderDecoder(ctx: LoadContext, spec: CaptionerSpec, dtype: DTypeChoice): Promise<Captioner> {
  const { tf } = ctx;
  const options = { device: ctx.device, dtype, progress_callback: ctx.progressCallback } as Record<string, unknown>;
  const pipe = await tf.pipeline('image-to-text', spec.repo, options);
  return {
    spec,
    async caption(image, options = {}) {
      const task = taskOf(options);
      if (task !== 'caption' && task !== 'detailed') throw new Error(`${spec.name} can't do "${task}"`);
      const output = (await pipe(toRawImage(tf, image), { max_new_tokens: spec.maxNewTokens })) as unknown;
      const first = (Array.isArray(output) ? output[0] : output) as { generated_text?: string } | undefined;
      return tidyCaption(first?.generated_text ?? '');
    },
    async dispose() {
      await pipe.dispose();
    },
  };
}

async function loadFlorence2(ctx: LoadContext, spec: CaptionerSpec, dtype: DTypeChoice): Promise<Captioner> {
  const { tf } = ctx;
  const options = { device: ctx.device, dtype, progress_callback: ctx.progressCallback } as Record<string, unknown>;
  const model = await tf.Florence2ForConditionalGeneration.from_pretrained(spec.repo, options);
  const processor = (await tf.AutoProcessor.from_pretrained(spec.repo, options)) as unknown as Florence2Processor;
  return {
    spec,
    async caption(image, options = {}) {
      const asked = taskOf(options);
      const task = asked === 'caption' ? (spec.taskPrompt ?? FLORENCE_TASKS.caption) : FLORENCE_TASKS[asked];
      const raw = toRawImage(tf, image);
      const inputs = await processor(raw, processor.construct_prompts(task));
      const ids = await model.generate({ ...inputs, max_new_tokens: spec.maxNewTokens });
      const [text = ''] = processor.batch_decode(ids, { skip_special_tokens: false });
      const parsed = processor.post_process_generation(text, task, raw.size) as Record<string, string>;
      const answer = parsed[task] ?? text;
      return asked === 'ocr' ? tidyOcrText(answer) : tidyCaption(answer);
    },
    async dispose() {
      await model.dispose();
    },
  };
}

interface Florence2Processor {
  (image: unknown, prompts: string[]): Promise<Record<string, unknown>>;
  construct_prompts(task: string): string[];
  batch_decode(ids: unknown, options: { skip_special_tokens: boolean }): string[];
  post_process_generation(text: string, task: string, size: unknown): unknown;
}

/** One line, no model artefacts: trimmed, single-spaced, without special tokens. */
export function tidyCaption(text: string): string {
  return text
    .replace(/<\/?s>|<pad>|<\|endoftext\|>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text read from a picture: model artefacts removed, each line trimmed and single-spaced, empty lines dropped. */
export function tidyOcrText(text: string): string {
  return text
    .replace(/<\/?s>|<pad>|<\|endoftext\|>|<loc_\d+>/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
