import type { AskerSpec, DTypeChoice } from '../models/types';
import type { CaptionImage } from './captioner';
import type { LoadContext, Transformers } from './transformers';

/** Called with each piece of the answer as soon as the model makes it (a word, or a few characters). */
export type TokenListener = (piece: string) => void;

/** How an answer ended: the model finished, hit its length limit, or was cancelled. */
export interface Answer {
  readonly text: string;
  readonly pieces: number;
  readonly cancelled: boolean;
}

/** A loaded vision-language model: one question about one picture at a time, cancellable between tokens. */
export interface Asker {
  readonly spec: AskerSpec;
  ask(image: CaptionImage, question: string, onToken?: TokenListener): Promise<Answer>;
  /** Stops the answer being made; its next token is not delivered and `ask` resolves with what came so far. */
  cancel(): void;
  dispose(): Promise<void>;
}

/** The questions a user can type are long enough for any use; longer ones are cut, not refused. */
export const MAX_QUESTION_LENGTH = 500;

interface Idefics3Processor {
  (text: string, images: unknown, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  apply_chat_template(messages: unknown[], options: { add_generation_prompt: boolean }): string;
  readonly tokenizer: unknown;
}

interface GenerativeModel {
  forward(inputs: unknown): Promise<unknown>;
  generate(inputs: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<unknown>;
}

/** Lets queued messages (a cancel) in: transformers.js' generation loop only awaits microtasks on WASM. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Loads SmolVLM-style models (vision encoder, token embeddings, merged decoder) and warms them up. */
export async function loadAsker(ctx: LoadContext, spec: AskerSpec, dtype: DTypeChoice): Promise<Asker> {
  const { tf } = ctx;
  const options = { device: ctx.device, dtype, progress_callback: ctx.progressCallback } as Record<string, unknown>;
  const model = (await tf.AutoModelForVision2Seq.from_pretrained(spec.repo, options)) as unknown as GenerativeModel;
  const processor = (await tf.AutoProcessor.from_pretrained(spec.repo, options)) as unknown as Idefics3Processor;
  const step = model.forward.bind(model);
  model.forward = async (inputs) => {
    const out = await step(inputs);
    await nextTask();
    return out;
  };
  let stopping: InstanceType<Transformers['InterruptableStoppingCriteria']> | null = null;

  const asker: Asker = {
    spec,
    async ask(image, question, onToken) {
      const criteria = new tf.InterruptableStoppingCriteria();
      stopping = criteria;
      const text = question.trim().slice(0, MAX_QUESTION_LENGTH);
      const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text }] }];
      const prompt = processor.apply_chat_template(messages, { add_generation_prompt: true });
      const raw = new tf.RawImage(image.rgba, image.width, image.height, 4).rgb();
      const inputs = await processor(prompt, [raw], { do_image_splitting: true });
      let answer = '';
      let pieces = 0;
      const streamer = new tf.TextStreamer(processor.tokenizer as never, {
        skip_prompt: true,
        skip_special_tokens: true,
        callback_function: (text: string) => {
          // The answer's leading space is no piece of its own.
          const piece = answer ? text : text.trimStart();
          if (criteria.interrupted || piece.length === 0) return;
          answer += piece;
          pieces++;
          onToken?.(piece);
        },
      });
      try {
        await model.generate({
          ...inputs,
          max_new_tokens: spec.maxNewTokens,
          do_sample: false,
          streamer,
          stopping_criteria: [criteria],
        });
      } finally {
        if (stopping === criteria) stopping = null;
      }
      return { text: answer.trim(), pieces, cancelled: criteria.interrupted };
    },
    cancel() {
      stopping?.interrupt();
    },
    async dispose() {
      stopping?.interrupt();
      await model.dispose();
    },
  };
  ctx.onProgress?.({ status: 'warmup' });
  await asker.ask({ rgba: new Uint8ClampedArray(32 * 32 * 4).fill(128), width: 32, height: 32 }, 'Hi');
  return asker;
}
