/**
 * Proves what the Florence-2 fixture means, loaded as the app loads the real one: transformers.js'
 * Florence2ForConditionalGeneration + Florence2Processor (AutoProcessor) on a local folder, greedy generate().
 */
import { describe, expect, it } from 'vitest';
import type { RawImage, Tensor } from '@huggingface/transformers';
import { loadTransformers, NODE_DEVICE } from '../../src/test-support/node-transformers';

const FLORENCE = 'fixtures/color-florence';
const DTYPES = ['fp32', 'q8', 'fp16'] as const;

/** A `size` px picture of `rgb`; with `checker`, every other pixel is `checker` instead (fine detail). */
async function picture(rgb: readonly number[], size = 64, checker?: readonly number[]): Promise<RawImage> {
  const { RawImage } = await loadTransformers();
  const data = new Uint8ClampedArray(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const colour = checker && (x + y) % 2 === 1 ? checker : rgb;
      data.set(colour, (y * size + x) * 3);
    }
  return new RawImage(data, size, size, 3);
}

describe.each(DTYPES)('color-florence (%s)', (dtype) => {
  async function load() {
    const t = await loadTransformers();
    const model = await t.Florence2ForConditionalGeneration.from_pretrained(FLORENCE, { ...NODE_DEVICE, dtype });
    const processor = (await t.AutoProcessor.from_pretrained(FLORENCE)) as InstanceType<typeof t.Florence2Processor>;
    const run = async (image: RawImage, task: string) => {
      const inputs = await processor(image, task);
      const ids = (await model.generate({ ...inputs, max_new_tokens: 32 })) as Tensor;
      const [text = ''] = processor.batch_decode(ids, { skip_special_tokens: false });
      const parsed = processor.post_process_generation(text, task, image.size) as Record<string, string>;
      return { text, answer: parsed[task] };
    };
    return { model, run };
  }

  it("loads four sessions in the real layout and reads the picture's colour as its sign word with <OCR>", async () => {
    const { model, run } = await load();
    expect(Object.keys(model.sessions).sort()).toEqual([
      'decoder_model_merged',
      'embed_tokens',
      'model',
      'vision_encoder',
    ]);
    expect(await run(await picture([220, 30, 35]), '<OCR>')).toEqual({ text: '</s><s>STOP</s>', answer: 'STOP' });
    expect((await run(await picture([30, 40, 210]), '<OCR>')).answer).toBe('CAFÉ');
    expect((await run(await picture([40, 150, 50]), '<OCR>')).answer).toBe('EXIT');
  });

  it('captions by task: <CAPTION>, <DETAILED_CAPTION>', async () => {
    const { run } = await load();
    const red = await picture([220, 30, 35]);
    expect((await run(red, '<CAPTION>')).answer).toBe('A red picture.');
    expect((await run(red, '<DETAILED_CAPTION>')).answer).toBe('The image shows a red picture.');
  });

  it('<MORE_DETAILED_CAPTION> tells pixel-level detail at 768 px from a smooth picture', async () => {
    const { run } = await load();
    const fine = await picture([255, 40, 40], 768, [190, 0, 0]);
    expect((await run(fine, '<MORE_DETAILED_CAPTION>')).answer).toBe(
      'The image shows a red picture with fine stripes.',
    );
    // The same picture as a 320 px thumbnail, which the processor scales back up to 768 px: the detail is gone.
    const thumbnail = await fine.resize(320, 320);
    expect((await run(thumbnail, '<MORE_DETAILED_CAPTION>')).answer).toBe(
      'The image shows a red picture with no stripes.',
    );
  });
});
