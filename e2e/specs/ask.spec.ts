import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { colorPhoto, type ColorName } from '../fixtures/photos';

/**
 * Ask a photo on the SmolVLM fixture (public/models/fixtures/color-smolvlm), through the app's real loading code:
 * asked about its colour, it answers from the photo's mean colour ("It is red. The whole photo is red, …"), one
 * token every few tens of milliseconds, so the answer can be seen streaming and stopped mid-way.
 */
const FULL_RED = 'It is red. The whole photo is red, from edge to edge: red, red and red again.';
const LAYOUT: Record<string, ColorName> = { 'red-1.png': 'red', 'blue-1.png': 'blue', 'green-1.png': 'green' };

function folder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-ask-')), 'colours');
  mkdirSync(root, { recursive: true });
  Object.entries(LAYOUT).forEach(([path, colour], i) =>
    writeFileSync(join(root, path), colorPhoto(colour, i, 480, 360)),
  );
  return root;
}

/** The answer's text each time it changes, until the answer ends (done, stopped or failed). */
async function watchAnswer(page: Page, stopAfterFirst = false): Promise<string[]> {
  return page.evaluate(
    (stop) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        let started = false; // the last answer's end is still on screen until this one starts
        const look = () => {
          const box = document.querySelector('[data-testid="ask-answer"]');
          const text = box?.querySelector('[data-testid="ask-answer-text"]')?.textContent ?? '';
          const status = box?.getAttribute('data-status');
          started ||= status === 'loading' || status === 'streaming';
          if (!started) return;
          if (status === 'streaming' && text !== seen.at(-1)) {
            seen.push(text);
            if (stop) document.querySelector<HTMLButtonElement>('[data-testid="ask-stop"]')?.click();
          }
          if (status === 'done' || status === 'stopped' || status === 'error') {
            observer.disconnect();
            resolve([...seen, `${status}: ${text}`]);
          }
        };
        const observer = new MutationObserver(look);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        look();
      }),
    stopAfterFirst,
  );
}

/** The models the Models tab shows in memory, with their bytes (polled: the engine's answer comes after the list). */
async function memory(page: Page, expected: string): Promise<number> {
  await page.getByTestId('tab-models').click();
  const inMemory = page.locator('[data-testid="model-row"]:has([data-testid="model-memory"])');
  await expect
    .poll(async () => Promise.all((await inMemory.all()).map((r) => r.getAttribute('data-model'))))
    .toEqual([expected]);
  return Number(await inMemory.getByTestId('model-memory').getAttribute('data-bytes'));
}

test('ask a photo: the answer streams, Stop stops it mid-way, a note is saved and found; one model resident', async ({
  app,
  page,
  requests,
}) => {
  await app.goto();
  await app.dropFolder(folder());
  await app.waitForLibrary(3, 0);
  await app.open('colours/red-1.png');
  await page.getByTestId('ask-question').fill('What colour is this?');

  const watching = watchAnswer(page);
  await page.getByTestId('ask-submit').click();
  const seen = await watching;
  expect(seen.at(-1)).toBe(`done: ${FULL_RED}`);
  // Streamed: many partial answers, each the start of the next, before the end.
  const partial = seen.slice(0, -1);
  expect(partial.length).toBeGreaterThan(5);
  expect(partial[0]!.length).toBeLessThan(FULL_RED.length / 2);
  for (const [i, text] of partial.entries()) expect((partial[i + 1] ?? FULL_RED).startsWith(text)).toBe(true);
  await expect(page.getByTestId('ask-slow')).toBeVisible(); // this browser has no WebGPU

  // Stop right after the first piece: the answer ends there, far shorter than the full one.
  await page.getByTestId('ask-question').fill('And what colour is it now?');
  const stopping = watchAnswer(page, true);
  await page.getByTestId('ask-submit').click();
  const stopped = (await stopping).at(-1)!;
  expect(stopped).toMatch(/^stopped: It/);
  expect(stopped.length - 'stopped: '.length).toBeLessThan(FULL_RED.length / 2);
  await expect(page.getByTestId('ask-answer')).toHaveAttribute('data-status', 'stopped');
  await page.waitForTimeout(500); // nothing more arrives once stopped
  expect(`stopped: ${await page.getByTestId('ask-answer-text').textContent()}`).toBe(stopped);

  // The full answer again, saved as a note: "edge" is a word only the note has.
  await page.getByTestId('ask-question').fill('What colour is this?');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-answer')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await page.getByTestId('ask-save-note').click();
  await expect(page.getByTestId('photo-note')).toHaveCount(1);
  await expect(page.getByTestId('photo-note')).toContainText(FULL_RED);
  await page.getByTestId('close-detail').click();
  // The colour embedder knows nothing of "edge": the note's word bonus alone ranks the photo first.
  await app.searchFor('edge');
  await app.setMinScore(-1);
  await expect(app.photos).toHaveCount(3);
  expect((await app.names())[0]).toBe('colours/red-1.png');
  const [top = 0, next = 0] = await app.scores();
  expect(top - next).toBeGreaterThan(0.05);
  await app.setMinScore(0.05);
  const csv = await app.download('notes-export-csv');
  expect(csv.text).toContain(`colours/red-1.png,What colour is this?,"${FULL_RED}",fixture-color-smolvlm,`);
  await app.search.fill('');
  // A changed query shows the gallery when it runs: let it run before switching tabs.
  await expect(page.getByTestId('result-count')).toHaveCount(0);

  // The VLM is in memory, alone; captioning puts the captioner there instead, and asking brings the VLM back.
  expect(await memory(page, 'fixture-color-smolvlm')).toBeGreaterThan(0);
  await app.openTab('photos');
  await app.open('colours/blue-1.png');
  await page.getByTestId('caption-generate').click();
  await expect(page.getByTestId('caption')).toContainText('blue', { timeout: 30_000 });
  await page.getByTestId('close-detail').click();
  expect(await memory(page, 'fixture-color-captioner')).toBeGreaterThan(0);
  await app.openTab('photos');
  await app.open('colours/green-1.png');
  await page.getByTestId('ask-question').fill('What colour is this?');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-answer')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('ask-answer-text')).toHaveText(FULL_RED.replaceAll('red', 'green'));
  await page.getByTestId('close-detail').click();
  expect(await memory(page, 'fixture-color-smolvlm')).toBeGreaterThan(0);

  expect(requests.all.some((r) => r.url.includes('/models/fixtures/color-smolvlm/onnx/decoder_model_merged'))).toBe(
    true,
  );
  expect(requests.foreign).toEqual([]);
  // The viewer swapping its thumbnail's blob: URL for the original's can abort the first (no network involved).
  expect(requests.failed.filter((r) => !r.startsWith('blob:'))).toEqual([]);
});

test('a note survives export, delete everything and import', async ({ app, page, requests }) => {
  await app.goto();
  await app.dropFolder(folder());
  await app.waitForLibrary(3, 0);
  await app.open('colours/blue-1.png');
  await page.getByTestId('ask-question').fill('What colour is this?');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-answer')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await page.getByTestId('ask-save-note').click();
  await expect(page.getByTestId('photo-note')).toHaveCount(1);
  await page.getByTestId('close-detail').click();

  await app.openTab('storage');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-library').click()]);
  const file = await download.path();
  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(app.status).toHaveAttribute('data-photos', '0');
  await page.getByTestId('import-library').setInputFiles(file);
  await expect(app.status).toHaveAttribute('data-photos', '3');
  await app.waitForLibrary(3);

  await app.openTab('photos');
  await app.open('colours/blue-1.png');
  await expect(page.getByTestId('photo-note')).toHaveCount(1);
  await expect(page.getByTestId('photo-note')).toContainText(FULL_RED.replaceAll('red', 'blue'));
  expect(requests.foreign).toEqual([]);
});
