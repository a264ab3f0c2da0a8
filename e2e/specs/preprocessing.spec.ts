import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { encodePng } from '../fixtures/png';

/**
 * transformers.js would pad a non-square picture with black for CLIP's integer `size`; Shoebox crops instead.
 * With the colour model, any black border would darken the embedding, so a very wide uniformly red picture must
 * embed like a square one.
 */
test('a non-square picture reaches the model without black borders', async ({ app }) => {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-crop-')), 'shapes');
  mkdirSync(root);
  const red = (): [number, number, number] => [220, 30, 30];
  writeFileSync(join(root, 'square.png'), encodePng(64, 64, red));
  writeFileSync(join(root, 'wide.png'), encodePng(400, 50, red));
  writeFileSync(join(root, 'tall.png'), encodePng(40, 320, red));
  writeFileSync(
    join(root, 'blue.png'),
    encodePng(64, 64, () => [30, 50, 210]),
  );

  await app.goto();
  await app.dropFolder(root);
  await app.waitForLibrary(4, 0);
  await app.open('shapes/square.png');
  await app.page.getByTestId('more-like-this').click();
  await expect(app.page.getByTestId('result-count')).toHaveAttribute('data-query', /^similar:/);
  await app.setMinScore(-0.2);
  await expect(app.photos).toHaveCount(4);
  const names = await app.names();
  const scores = await app.scores();
  const score = (name: string) => scores[names.indexOf(`shapes/${name}`)]!;
  expect(score('wide.png')).toBeGreaterThan(0.99);
  expect(score('tall.png')).toBeGreaterThan(0.99);
  expect(score('blue.png')).toBeLessThan(0.5);
});
