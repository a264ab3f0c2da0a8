/**
 * Proves what the SmolVLM fixture means, loaded as the app loads the real one: transformers.js'
 * AutoModelForVision2Seq (Idefics3ForConditionalGeneration) + AutoProcessor (Idefics3Processor) on a local folder,
 * the chat template, greedy generate().
 */
import { describe, expect, it } from 'vitest';
import type { RawImage, Tensor } from '@huggingface/transformers';
import { loadTransformers, NODE_DEVICE } from '../../src/test-support/node-transformers';

const SMOLVLM = 'fixtures/color-smolvlm';
const DTYPES = ['fp32', 'q8', 'fp16'] as const;
const answerFor = (c: string) => `It is ${c}. The whole photo is ${c}, from edge to edge: ${c}, ${c} and ${c} again.`;

async function picture(rgb: readonly number[], width = 48, height = width): Promise<RawImage> {
  const { RawImage } = await loadTransformers();
  const data = new Uint8ClampedArray(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return new RawImage(data, width, height, 3);
}

describe.each(DTYPES)('color-smolvlm (%s)', (dtype) => {
  async function load() {
    const t = await loadTransformers();
    const model = await t.AutoModelForVision2Seq.from_pretrained(SMOLVLM, { ...NODE_DEVICE, dtype });
    const processor = await t.AutoProcessor.from_pretrained(SMOLVLM);
    const run = async (image: RawImage, question: string) => {
      const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: question }] }];
      const prompt = processor.apply_chat_template(messages as never, { add_generation_prompt: true }) as string;
      const inputs = await processor(prompt, [image]);
      const ids = (await model.generate({ ...inputs, max_new_tokens: 40, do_sample: false })) as Tensor;
      const prompted = (inputs as { input_ids: Tensor }).input_ids.dims[1]!;
      const [answer = ''] = processor.batch_decode(ids.slice(null, [prompted, ids.dims[1]!]), {
        skip_special_tokens: true,
      });
      return { prompt, answer: answer.trim(), tokens: ids.dims[1]! - prompted };
    };
    return { model, run };
  }

  it('loads three sessions in the real layout and names the colour it is asked about, token by token', async () => {
    const { model, run } = await load();
    expect(Object.keys(model.sessions).sort()).toEqual(['decoder_model_merged', 'embed_tokens', 'vision_encoder']);
    const red = await run(await picture([220, 30, 35]), 'What colour is this?');
    expect(red.prompt).toBe('<|im_start|>User:<image>What colour is this?<end_of_utterance>\nAssistant:');
    expect(red.answer).toBe(answerFor('red'));
    expect(red.tokens).toBe(23); // 22 tokens, then <end_of_utterance>
    // A wide picture is cut into tiles plus the global view; their mean is still the photo's colour.
    expect((await run(await picture([30, 40, 210], 96, 40), 'Which color?')).answer).toBe(answerFor('blue'));
    expect((await run(await picture([250, 250, 20]), 'colour please')).answer).toBe(answerFor('yellow'));
  });

  it('answers anything but a colour question with a fixed sentence', async () => {
    const { run } = await load();
    expect((await run(await picture([220, 30, 35]), 'How many dogs are there?')).answer).toBe('I only see shades.');
  });
});
