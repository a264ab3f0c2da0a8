import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/** Presses Tab until `testId` has the focus (a keyboard user walking the page), at most `limit` times. */
async function tabTo(page: Page, testId: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

type Hooks = Record<string, (...args: unknown[]) => Promise<unknown>>;
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
const params = (page: Page) => new URL(page.url()).searchParams;

async function library(app: ShoeboxPage, name: string): Promise<void> {
  await app.goto();
  await app.pickFolder(writePhotoFolder(colorLibrary(), name));
  await app.waitForLibrary(9);
}

test.describe('the app shell', () => {
  test('the URL is the state: search, open photo and tab survive a reload; Back closes the viewer', async ({
    app,
    page,
  }) => {
    await library(app, 'routed');
    await app.searchFor('red');
    await expect.poll(() => params(page).get('q')).toBe('red');
    expect(params(page).get('models')).toBe('demo'); // the settings' own parameters stay

    const name = (await app.names())[0]!;
    const id = await page.locator(`[data-testid="photo"][data-name="${name}"]`).getAttribute('data-id');
    await app.open(name);
    await expect.poll(() => params(page).get('photo')).toBe(id);

    await page.goBack();
    await expect(page.getByTestId('photo-detail')).toHaveCount(0);
    expect(params(page).get('photo')).toBeNull();
    expect(params(page).get('q')).toBe('red');
    await expect(app.search).toHaveValue('red');

    await page.goForward();
    await expect(page.getByTestId('photo-detail')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('photo-detail')).toBeVisible();
    await expect(app.search).toHaveValue('red');
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-query', 'red');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('photo-detail')).toHaveCount(0);
    await expect.poll(() => params(page).get('photo')).toBeNull();

    await app.openTab('labels');
    await expect.poll(() => params(page).get('tab')).toBe('labels');
    await page.reload();
    await expect(page.getByTestId('labels-view')).toBeVisible();
    await expect(page.getByTestId('tab-labels')).toHaveAttribute('aria-selected', 'true');
    await page.goBack();
    await expect(page.getByTestId('labels-view')).toHaveCount(0);
    await expect(page.getByTestId('tab-photos')).toHaveAttribute('aria-selected', 'true');

    // A hostile URL opens the app as it is, not a broken view.
    await page.goto(`/?models=demo&tab=%3Cscript%3E&photo=..%2F..&q=${'x'.repeat(3000)}`);
    await expect(page.getByTestId('tab-photos')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('photo-detail')).toHaveCount(0);
  });

  test('keyboard only: switch tabs with the arrows, search, apply a label set', async ({ app, page }) => {
    await library(app, 'keys');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    await tabTo(page, 'search');
    await page.keyboard.type('green');
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-query', 'green');
    await expect(page.getByTestId('result-count')).toHaveAttribute('aria-live', 'polite');

    await tabTo(page, 'tab-photos');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTestId(page)).toBe('tab-folders');
    await expect(page.getByTestId('tab-folders')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    expect(await focusedTestId(page)).toBe('tab-evaluate');
    await page.keyboard.press('Home');
    expect(await focusedTestId(page)).toBe('tab-photos');
    await page.keyboard.press('ArrowLeft'); // wraps around
    expect(await focusedTestId(page)).toBe('tab-evaluate');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('labels-view')).toBeVisible();

    await tabTo(page, 'label-set-input');
    await page.keyboard.type('red, green, blue');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, '': 0 });
    // Focus stays where the user was, not on the page's body.
    expect(await focusedTestId(page)).toBe('label-apply');
  });

  test('a search with nothing above the cutoff says so and offers the weaker matches', async ({ app, page }) => {
    await library(app, 'weak');
    await app.searchFor('cyan'); // no photo of the library is near cyan
    const count = page.getByTestId('result-count');
    await expect(count).toContainText('0 matches');
    await expect(count).toContainText('9 weaker matches');
    await expect(app.photos).toHaveCount(0);
    await page.getByTestId('show-weaker').click();
    await expect(app.photos).toHaveCount(9);
    await expect(page.getByTestId('show-weaker')).toHaveCount(0);
  });

  test('sort works while browsing: oldest first turns the timeline around', async ({ app, page }) => {
    await library(app, 'sorted');
    await page.evaluate(() => (window as never as { __shoebox: Hooks }).__shoebox.seedLibrary!(30));
    await expect(app.status).toHaveAttribute('data-photos', '39');
    const days = () =>
      page
        .getByTestId('timeline-header')
        .evaluateAll((hs) => hs.map((h) => h.dataset.date ?? '').filter((d) => d !== 'undated'));
    const newest = await days();
    expect(newest.length).toBeGreaterThan(1);
    expect(newest).toEqual([...newest].sort().reverse());
    await expect(page.getByTestId('sort').locator('option[value="relevance"]')).toHaveCount(0);
    await page.getByTestId('sort').selectOption('oldest');
    await expect.poll(async () => (await days())[0]! < newest.at(-1)!).toBe(true);
    const oldest = await days();
    expect(oldest).toEqual([...oldest].sort());
  });

  test('"Delete set" can be undone for a few seconds', async ({ app, page }) => {
    await library(app, 'undo');
    await app.openTab('labels');
    await page.getByTestId('label-set-input').fill('red, green, blue');
    await page.getByTestId('label-apply').click();
    await expect.poll(() => app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, '': 0 });

    await page.getByTestId('label-set-delete').click();
    await expect(page.getByTestId('label-set-select').locator('option', { hasText: 'red, green, blue' })).toHaveCount(
      0,
    );
    await expect(page.getByTestId('label-set-undo')).toBeFocused();
    await page.getByTestId('label-set-undo').click();
    await expect(page.getByTestId('label-set-select').locator('option', { hasText: 'red, green, blue' })).toHaveCount(
      1,
    );
    await expect.poll(() => app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, '': 0 });
    await page.reload();
    await app.openTab('labels');
    await expect(page.getByTestId('label-set-select')).toHaveValue(/.+/);
    await expect.poll(() => app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, '': 0 });
  });

  test('phones add photos through the photo picker; the page never scrolls sideways', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.goto();
    await expect(page.getByTestId('welcome-add-photos')).toBeVisible();
    await expect(page.getByTestId('add-photos')).toBeVisible();
    await expect(page.getByTestId('pick-folder')).toBeInViewport();
    const folder = writePhotoFolder(colorLibrary(), 'phone');
    await page.getByTestId('welcome-add-photos-input').setInputFiles([`${folder}/red-1.png`, `${folder}/blue-1.png`]);
    await app.waitForLibrary(2);
    for (const id of ['search', 'pick-folder', 'add-photos', 'tab-photos']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
      expect(box.height, id).toBeGreaterThanOrEqual(44);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Every tab is reachable: the tab row scrolls sideways to the last one.
    await page.getByTestId('tab-evaluate').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('tab-evaluate')).toBeInViewport();
    await page.getByTestId('tab-evaluate').click();
    await expect(page.getByTestId('evaluate-view')).toBeVisible();
  });

  test('light and dark at phone, tablet and desktop sizes; the switch overrides the system', async ({
    app,
    page,
  }, testInfo) => {
    await library(app, 'themes');
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of [
        [390, 844],
        [768, 1024],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        const header = (await page.locator('.app-header').boundingBox())!;
        if (width === 768) expect(header.height).toBeLessThan(120);
        const path = testInfo.outputPath(`${scheme}-${width}x${height}.png`);
        await page.screenshot({ path });
        await testInfo.attach(`${scheme}-${width}x${height}`, { path, contentType: 'image/png' });
      }
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await bg();
    await page.getByTestId('theme').selectOption('light');
    const light = await bg();
    expect(light).not.toBe(dark);
    await page.reload();
    expect(await bg()).toBe(light); // remembered
  });
});
