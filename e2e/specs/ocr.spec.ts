import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorPhoto, COLORS, type ColorName } from '../fixtures/photos';
import { encodePng } from '../fixtures/png';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/**
 * Text in photos on the Florence-2 fixture (public/models/fixtures/color-florence), through the app's real loading
 * code: its <OCR> reads a sign word by the photo's colour (red: STOP, blue: CAFÉ), so a search for that word can only
 * find the photos through their read text (the colour embedder knows colour names, not these words).
 */
const LAYOUT: Record<string, ColorName> = {
  'red-1.png': 'red',
  'street/red-2.png': 'red',
  'blue-1.png': 'blue',
  'green-1.png': 'green',
  'yellow-1.png': 'yellow',
};

function signsFolder(extra: Record<string, Buffer> = {}): string {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-ocr-')), 'signs');
  Object.entries(LAYOUT).forEach(([path, colour], i) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), colorPhoto(colour, i, 480, 360));
  });
  for (const [name, bytes] of Object.entries(extra)) writeFileSync(join(root, name), bytes);
  return root;
}

async function readAll(app: ShoeboxPage): Promise<void> {
  await app.page.getByTestId('ocr-read-all').click();
  await expect(app.page.getByTestId('ocr-read-all')).toBeVisible({ timeout: 90_000 });
  await expect(app.page.getByTestId('ocr-message')).toHaveCount(0);
}

/** The photos a search shows with the default relevance cutoff, by name. */
async function found(app: ShoeboxPage, query: string): Promise<string[]> {
  await app.searchFor(query);
  return (await app.names()).sort();
}

test.describe('text in photos', () => {
  test('background OCR over a folder; a search for the read word finds exactly those photos', async ({
    app,
    page,
    requests,
  }) => {
    await app.goto();
    await app.dropFolder(signsFolder());
    await app.waitForLibrary(5, 0);
    expect(await found(app, 'stop')).toEqual([]); // before reading, no photo says STOP

    await readAll(app);
    expect(await found(app, 'stop')).toEqual(['signs/red-1.png', 'signs/street/red-2.png']);
    expect(await found(app, 'cafe')).toEqual(['signs/blue-1.png']); // accent-insensitive
    // A prefix: its word bonus ranks the photo first (the cutoff may still hide it, as "caf" looks like nothing).
    await app.searchFor('caf');
    await app.setMinScore(-1);
    await expect(app.photos).toHaveCount(5);
    expect((await app.names())[0]).toBe('signs/blue-1.png');
    const [top = 0, next = 0] = await app.scores();
    expect(top - next).toBeGreaterThan(0.05);
    await app.setMinScore(0.05);

    await app.search.fill('');
    const csv = await app.download('ocr-export-csv');
    expect(csv.name).toBe('shoebox-photo-text.csv');
    expect(csv.text).toContain('signs/street/red-2.png,STOP,model,fixture-color-florence,');
    expect(csv.text.trim().split('\r\n')).toHaveLength(6);
    await app.open('signs/blue-1.png');
    await expect(page.getByTestId('photo-text-value')).toHaveText('CAFÉ');
    await expect(page.getByTestId('photo-text')).toHaveAttribute('data-source', 'model');
    // The fixture came through the real loader, from this origin; nothing went anywhere else.
    expect(requests.all.some((r) => r.url.includes('/models/fixtures/color-florence/onnx/vision_encoder'))).toBe(true);
    expect(requests.foreign).toEqual([]);
    expect(requests.failed).toEqual([]);
  });

  test('a detailed caption is made from the original: detail a 320 px thumbnail cannot hold', async ({
    app,
    page,
    requests,
  }) => {
    const [r, g, b] = COLORS.red;
    // 768 px with a 1 px checkerboard: at the model's size every pixel differs from its neighbours; the 320 px
    // thumbnail averages it away (the fixture says "no stripes" for that: scripts/fixture-models/README.md).
    const fine = encodePng(768, 768, (x, y) => ((x + y) % 2 ? [255, 40, 40] : [190, 0, 0]));
    const smooth = encodePng(768, 768, () => [r, g, b]);
    await app.goto();
    await app.dropFolder(signsFolder({ 'fine.png': fine, 'smooth.png': smooth }));
    await app.waitForLibrary(7, 0);

    await app.open('signs/fine.png');
    await page.getByTestId('detailed-caption-make').click();
    await expect(page.getByTestId('detailed-caption')).toHaveText('The image shows a red picture with fine stripes.', {
      timeout: 60_000,
    });
    await page.getByTestId('close-detail').click();
    await app.open('signs/smooth.png');
    await page.getByTestId('detailed-caption-make').click();
    await expect(page.getByTestId('detailed-caption')).toHaveText('The image shows a red picture with no stripes.', {
      timeout: 60_000,
    });
    expect(requests.failed).toEqual([]);
  });

  test("export and import round-trip the read text and the user's correction", async ({ app, page, requests }) => {
    await app.goto();
    await app.dropFolder(signsFolder());
    await app.waitForLibrary(5, 0);
    await readAll(app);
    await app.open('signs/green-1.png');
    await expect(page.getByTestId('photo-text-value')).toHaveText('EXIT');
    await page.getByTestId('photo-text-edit').click();
    await page.getByTestId('photo-text-input').fill('EXIT 12\nGate B');
    await page.getByTestId('photo-text-save').click();
    await expect(page.getByTestId('photo-text')).toHaveAttribute('data-source', 'user');
    await page.getByTestId('close-detail').click();

    await app.openTab('storage');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-library').click()]);
    const file = await download.path();
    await page.getByTestId('delete-everything').click();
    await page.getByTestId('confirm-delete').click();
    await expect(app.status).toHaveAttribute('data-photos', '0');
    await page.getByTestId('import-library').setInputFiles(file);
    await expect(app.status).toHaveAttribute('data-photos', '5');
    await app.waitForLibrary(5);

    await app.openTab('photos');
    expect(await found(app, 'stop')).toEqual(['signs/red-1.png', 'signs/street/red-2.png']);
    expect(await found(app, 'gate')).toEqual(['signs/green-1.png']);
    // A quoted phrase finds it too, across the line break (searchSlice.test.ts tells the literal rule from words).
    await app.searchFor('"exit 12 gate"');
    await app.setMinScore(-1);
    await expect(app.photos).toHaveCount(5);
    expect((await app.names())[0]).toBe('signs/green-1.png');
    await app.setMinScore(0.05);
    await app.search.fill('');
    await app.open('signs/green-1.png');
    await expect(page.getByTestId('photo-text-value')).toHaveText('EXIT 12\nGate B');
    await expect(page.getByTestId('photo-text')).toHaveAttribute('data-source', 'user');
    expect(requests.foreign).toEqual([]);
    expect(requests.failed).toEqual([]);
  });
});
