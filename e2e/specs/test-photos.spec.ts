import { resolve } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

/** The shared real-world photos (see ../shared/test-photos/README.md for what each must produce). */
const TEST_PHOTOS = resolve('../shared/test-photos');

/** Files of the shared set that cannot be pictures or whose pixels cannot be decoded, with the reason we expect. */
const MUST_FAIL: Record<string, RegExp> = {
  'test-photos/README.md': /not a picture/,
  'test-photos/orientation/LICENSE': /not a picture/,
  'test-photos/broken/broken.png': /damaged|truncated/,
  'test-photos/broken/broken_data_stream.png': /damaged|truncated/,
  'test-photos/broken/truncated_jpeg.jpg': /damaged|truncated/,
  'test-photos/broken/decompression_bomb.gif': /too large/,
  'test-photos/broken/empty.jpg': /empty/,
  'test-photos/broken/notes-not-an-image.jpg': /not a picture/,
};

test.describe('real-world photos', () => {
  test.setTimeout(240_000);

  test('every file of a drop is either in the library or in the report, with a reason', async ({ app }) => {
    const colors = writePhotoFolder(colorLibrary(), 'colors');
    await app.goto();
    await app.dropFolder(colors, TEST_PHOTOS);
    // Every one of the 65 files (56 shared + 9 generated) ends up stored or reported.
    await expect(app.status).toHaveAttribute('data-state', 'ready', { timeout: 200_000 });
    await expect
      .poll(async () => Number(await app.status.getAttribute('data-indexed')) + (await app.problems.count()), {
        timeout: 200_000,
      })
      .toBe(65);

    const reasons = await app.problemReasons();
    expect(reasons).toEqual(
      Object.fromEntries(Object.keys(MUST_FAIL).map((n) => [n, expect.stringMatching(MUST_FAIL[n]!)])),
    );
    await app.waitForLibrary(57, 8);

    // File names are shown as text; a hostile name never becomes markup.
    const report = app.page.getByTestId('import-report');
    await expect(report).toBeVisible();
    await expect(report.locator('script')).toHaveCount(0);
  });

  test('orientation photos are stored upright: landscapes wider, portraits taller', async ({ app }) => {
    await app.goto();
    await app.pickFolder(resolve(TEST_PHOTOS, 'orientation'));
    await app.waitForLibrary(18, 1, 120_000);
    const sizes = await app.page.evaluate(async () => {
      const hooks = (window as never as { __shoebox: { photoSizes(): Promise<Record<string, [number, number]>> } })
        .__shoebox;
      return hooks.photoSizes();
    });
    const names = Object.keys(sizes);
    expect(names.filter((n) => n.includes('Landscape_'))).toHaveLength(9);
    expect(names.filter((n) => n.includes('Portrait_'))).toHaveLength(9);
    for (const [name, [w, h]] of Object.entries(sizes)) {
      if (name.includes('Landscape_')) expect(w, name).toBeGreaterThan(h);
      else expect(h, name).toBeGreaterThan(w);
    }
    // Thumbnails are upright too: the rendered image keeps the photo's aspect.
    const thumb = app.page.locator('[data-testid="photo"][data-name="orientation/Portrait_6.jpg"] img');
    await expect(thumb).toBeVisible();
    const natural = await thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(natural[1]!).toBeGreaterThan(natural[0]!);
  });
});
