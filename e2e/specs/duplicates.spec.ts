import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import type { Page } from '@playwright/test';

/** The shared corpus's near-duplicates (../shared/test-photos/README.md, "Near-duplicates"), copied into one folder. */
const TEST_PHOTOS = resolve('../shared/test-photos');
const LANDSCAPES = Array.from({ length: 9 }, (_, i) => `orientation/Landscape_${i}.jpg`);
const PORTRAITS = Array.from({ length: 9 }, (_, i) => `orientation/Portrait_${i}.jpg`);
const OTHERS = [
  'formats/pil_sample_rgb.jpg',
  'formats/pil_sample_cmyk.jpg',
  'formats/flower.jpg',
  'formats/flower2.webp',
];

function corpusFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-dups-')), 'dups');
  for (const file of [...LANDSCAPES, ...PORTRAITS, ...OTHERS]) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    copyFileSync(join(TEST_PHOTOS, file), join(root, file));
  }
  return root;
}

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The near-duplicate groups the view shows: file names, sorted, groups sorted. */
async function groups(page: Page): Promise<string[][]> {
  const found = await page
    .getByTestId('duplicate-group')
    .evaluateAll((gs) =>
      gs.map((g) =>
        [...g.querySelectorAll('[data-testid="duplicate-member"]')].map((m) => m.getAttribute('data-name') ?? ''),
      ),
    );
  return found.map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

test.describe('duplicates', () => {
  test.setTimeout(180_000);

  test('groups the corpus duplicates, hides the rest, undo brings them back, reload keeps hidden', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.pickFolder(corpusFolder());
    await app.waitForLibrary(22, 0, 120_000);
    await app.openTab('duplicates');
    await page.getByTestId('duplicates-find').click();
    await expect(page.getByTestId('duplicates-count')).toBeVisible({ timeout: 60_000 });
    const shown = await groups(page);
    console.log('groups', JSON.stringify(shown));
    const landscapes = LANDSCAPES.map(base).sort();
    const portraits = PORTRAITS.map(base).sort();
    // Each orientation set is one group of 9 (the same picture, stored upright); the RGB and CMYK "RED" sign one pair.
    expect(shown).toContainEqual(landscapes);
    expect(shown).toContainEqual(portraits);
    expect(shown).toContainEqual(['pil_sample_cmyk.jpg', 'pil_sample_rgb.jpg']);
    // The two flowers are different pictures.
    expect(shown.find((g) => g.includes('flower.jpg') && g.includes('flower2.webp'))).toBeUndefined();

    // Hide the rest of the landscapes: 8 leave the gallery, the suggested best stays.
    const group = page.getByTestId('duplicate-group').filter({ has: page.locator('[data-name="Landscape_0.jpg"]') });
    const best = await group.locator('[data-best="true"]').getAttribute('data-name');
    await group.getByTestId('duplicate-hide-rest').click();
    await expect(group.locator('[data-hidden="true"]')).toHaveCount(8);
    await app.openTab('photos');
    await expect(page.getByTestId('hidden-count')).toHaveAttribute('data-count', '8');
    const galleryLandscapes = async () => (await app.names()).filter((n) => n.includes('Landscape_')).map(base);
    await expect.poll(galleryLandscapes).toEqual([best]);
    // and from search results: a search by their file name finds only the one left shown.
    await app.searchFor('Landscape');
    expect((await galleryLandscapes()).every((n) => n === best)).toBe(true);
    await app.search.fill('');

    // Undo brings them back.
    await page.getByTestId('hide-undo').click();
    await expect(page.getByTestId('hidden-count')).toHaveCount(0);
    await expect.poll(async () => (await galleryLandscapes()).length).toBe(9);

    // Hide again, reload: still hidden; "Show hidden" brings them into the grid; showing again is always possible.
    await app.openTab('duplicates');
    await page.getByTestId('duplicates-find').click();
    await expect(page.getByTestId('duplicates-count')).toBeVisible({ timeout: 60_000 });
    await page
      .getByTestId('duplicate-group')
      .filter({ has: page.locator('[data-name="Landscape_0.jpg"]') })
      .getByTestId('duplicate-hide-rest')
      .click();
    await expect(page.getByTestId('hide-message')).toContainText('8 photos hidden');
    await page.reload();
    await app.waitForLibrary(22, 0);
    await expect(page.getByTestId('duplicates-view')).toBeVisible(); // the URL keeps the tab
    await app.openTab('photos');
    await expect(page.getByTestId('hidden-count')).toHaveAttribute('data-count', '8');
    await expect.poll(galleryLandscapes).toEqual([best]);
    await page.getByTestId('gallery-show-hidden').check();
    await expect.poll(async () => (await galleryLandscapes()).length).toBe(9);
  });
});
