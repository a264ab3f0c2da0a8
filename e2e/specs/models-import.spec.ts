import { resolve } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

const COLOR_CLIP = resolve('public/models/fixtures/color-clip');

test.describe('models from a folder', () => {
  test('the fixture CLIP imported from a folder indexes and searches with no model request', async ({
    app,
    page,
    requests,
  }) => {
    await app.goto('');
    const id = await app.importModelFolder(COLOR_CLIP);
    expect(id).toBe('imported-color-clip');
    const row = page.locator(`[data-testid="model-row"][data-model="${id}"]`);
    await expect(row).toHaveAttribute('data-availability', 'cached');
    expect(Number(await row.getAttribute('data-bytes'))).toBeGreaterThan(40_000);

    await app.openTab('photos');
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);
    await app.searchFor('red');
    await app.setMinScore(-0.2);
    await expect(app.photos).toHaveCount(9);
    expect((await app.names()).slice(0, 3).every((n) => n.includes('red'))).toBe(true);

    // Every file came from the browser cache, none from the app or the hub (pages, workers and service worker alike).
    expect(requests.all.filter((r) => r.url.includes('/models/') || r.foreign).map((r) => r.url)).toEqual([]);
    expect(requests.failed).toEqual([]);
  });

  test('a folder that is not a model is refused with a reason, and nothing is stored', async ({ app, page }) => {
    await app.goto();
    await app.openTab('models');
    await page.getByTestId('model-folder-input').setInputFiles(writePhotoFolder({ 'red.png': 'red' }, 'not-a-model'));
    const message = page.getByTestId('models-message');
    await expect(message).toHaveAttribute('data-error', 'true');
    await expect(message).toContainText('config.json');
    await expect(page.locator('[data-testid="model-row"][data-source="imported"]')).toHaveCount(0);
  });

  test('deleting an imported model removes its files', async ({ app, page }) => {
    await app.goto();
    await app.openTab('models');
    await page.getByTestId('model-folder-input').setInputFiles(COLOR_CLIP);
    const row = page.locator('[data-testid="model-row"][data-model="imported-color-clip"]');
    await expect(row).toHaveAttribute('data-availability', 'cached');
    await row.getByTestId('model-delete').click();
    await expect(row).toHaveCount(0);
    const left = await page.evaluate(async () => {
      const cache = await caches.open('transformers-cache');
      return (await cache.keys()).filter((r) => r.url.includes('shoebox-import')).length;
    });
    expect(left).toBe(0);
  });
});
