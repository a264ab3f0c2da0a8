import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

type Hooks = Record<string, (...args: unknown[]) => Promise<unknown>>;
const seed = (app: ShoeboxPage, count: number) =>
  app.page.evaluate((n) => (window as never as { __shoebox: Hooks }).__shoebox.seedLibrary!(n), count);

const colorOf = (name: string) => /(red|green|blue)/u.exec(name)?.[1] ?? '';
const tile = (app: ShoeboxPage, index: number) => app.page.locator(`[data-testid="photo"][data-index="${index}"]`);
const check = (app: ShoeboxPage, index: number) =>
  app.page.locator(`[data-testid="photo"][data-index="${index}"] ~ [data-testid="photo-check"]`);

/** Indexes of the rendered tiles that are selected. */
async function selectedIndexes(app: ShoeboxPage): Promise<number[]> {
  return app.page
    .locator('[data-testid="photo"][data-selected="true"]')
    .evaluateAll((tiles) => tiles.map((t) => Number(t.getAttribute('data-index'))).sort((a, b) => a - b));
}

/** Every day header of the timeline, top to bottom (the grid is virtualized: scrolls through it to see them all). */
async function headers(app: ShoeboxPage): Promise<string[]> {
  const gallery = app.page.getByTestId('gallery');
  const seen: string[] = [];
  for (let top = 0; ; top += 300) {
    await gallery.evaluate((el, y) => el.scrollTo(0, y), top);
    await app.page.waitForTimeout(50);
    const dates = await app.page
      .getByTestId('timeline-header')
      .evaluateAll((hs) =>
        hs.map((h) => [Number(h.style.transform.replace(/\D+/gu, '')), h.dataset.date ?? ''] as const),
      );
    for (const [, date] of [...dates].sort((a, b) => a[0] - b[0])) if (!seen.includes(date)) seen.push(date);
    const end = await gallery.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    if (end) break;
  }
  await gallery.evaluate((el) => el.scrollTo(0, 0));
  return seen;
}

test.describe('the gallery', () => {
  test('a timeline by day, newest first, the undated last; screenshots at three sizes', async ({ app }, info) => {
    test.setTimeout(180_000);
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'undated'));
    await app.waitForLibrary(9, 0);
    await seed(app, 60); // ten a day over six days, every tenth without a date
    await expect(app.status).toHaveAttribute('data-photos', '69');

    const days = await headers(app);
    expect(days.at(-1)).toBe('undated');
    const dated = days.slice(0, -1);
    expect(dated.length).toBeGreaterThanOrEqual(6);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(new Set(days).size).toBe(days.length);
    await app.page.getByTestId('gallery').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const undated = app.page.locator('[data-testid="timeline-header"][data-date="undated"]');
    await expect(undated).toContainText('No date taken');
    await expect(undated).toHaveAttribute('data-count', '15'); // 9 PNGs without EXIF + 6 seeded
    await expect(app.page.getByTestId('scrubber')).toBeVisible();
    await expect(app.page.getByTestId('scrubber-month').first()).toBeAttached();

    // Tiles keep their photo's aspect ratio (justified rows); square is a setting that sticks.
    await app.page.getByTestId('gallery').evaluate((el) => el.scrollTo(0, 0));
    const wide = app.page.locator('[data-testid="photo"][data-width="6000"]').first();
    const box = (await wide.boundingBox())!;
    expect(box.width / box.height).toBeGreaterThan(2.5);
    await app.page.getByTestId('grid-layout').selectOption('square');
    const square = (await wide.boundingBox())!;
    expect(Math.abs(square.width - square.height)).toBeLessThan(2);
    await app.page.reload();
    await expect(app.page.getByTestId('gallery')).toHaveAttribute('data-layout', 'square');
    await app.page.getByTestId('grid-layout').selectOption('justified');

    // The scrubber jumps: a press near its bottom shows the undated photos.
    const scrubber = (await app.page.getByTestId('scrubber').boundingBox())!;
    await app.page.mouse.click(scrubber.x + scrubber.width / 2, scrubber.y + scrubber.height - 2);
    await expect(undated).toBeVisible();

    for (const [width, height] of [
      [390, 844],
      [768, 1024],
      [1440, 900],
    ] as const) {
      await app.page.setViewportSize({ width, height });
      await app.page.getByTestId('gallery').evaluate((el) => el.scrollTo(0, 0));
      await check(app, 1).click();
      await app.page.waitForTimeout(300);
      const file = info.outputPath(`gallery-${width}x${height}.png`);
      await app.page.screenshot({ path: file });
      await info.attach(`gallery ${width}×${height}`, { path: file, contentType: 'image/png' });
      const pageWidth = await app.page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(width);
      if (width === 390) {
        // A phone keeps most of its screen for the grid: the header is two rows, the selection bar one.
        expect((await app.page.locator('.app-header').boundingBox())!.height).toBeLessThan(130);
        expect((await app.page.getByTestId('selection-bar').boundingBox())!.height).toBeLessThan(70);
        const grid = (await app.page.getByTestId('gallery').boundingBox())!;
        expect(grid.height).toBeGreaterThan(height / 2);
      }
      await app.page.keyboard.press('Escape');
      await expect(app.page.getByTestId('selection-bar')).toHaveCount(0);
    }
  });

  test('select by click, shift-click and a whole day; Escape clears; arrow keys move, Enter opens, Space selects', async ({
    app,
  }) => {
    test.setTimeout(120_000);
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'undated'));
    await app.waitForLibrary(9, 0);
    await seed(app, 30);
    await expect(app.status).toHaveAttribute('data-photos', '39');

    await check(app, 0).click();
    await expect(app.page.getByTestId('selection-count')).toHaveAttribute('data-count', '1');
    await tile(app, 3).click(); // while selecting, a click toggles (does not open)
    await expect(app.page.getByTestId('photo-detail')).toHaveCount(0);
    await tile(app, 6).click({ modifiers: ['Shift'] });
    expect(await selectedIndexes(app)).toEqual([0, 3, 4, 5, 6]);
    await expect(app.page.getByTestId('selection-count')).toHaveAttribute('data-count', '5');
    await tile(app, 4).click();
    expect(await selectedIndexes(app)).toEqual([0, 3, 5, 6]);

    await app.page.keyboard.press('Escape');
    await expect(app.page.getByTestId('selection-bar')).toHaveCount(0);
    expect(await selectedIndexes(app)).toEqual([]);

    // A day's header selects exactly that day's photos.
    const second = app.page.getByTestId('timeline-header').nth(1);
    const count = Number(await second.getAttribute('data-count'));
    await second.getByTestId('select-day').click();
    await expect(app.page.getByTestId('selection-count')).toHaveAttribute('data-count', String(count));
    const first = Number(await app.page.getByTestId('timeline-header').first().getAttribute('data-count'));
    expect(await selectedIndexes(app)).toEqual(Array.from({ length: count }, (_, i) => first + i));
    await app.page.keyboard.press('Escape');

    // Not selecting, a click opens the viewer.
    await tile(app, 2).click();
    await expect(app.page.getByTestId('photo-detail')).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(app.page.getByTestId('photo-detail')).toHaveCount(0);

    // Keyboard: one Tab stop in the grid, arrows move, Enter opens, Space selects.
    await tile(app, 0).focus();
    await expect(tile(app, 0)).toHaveAttribute('tabindex', '0');
    await app.page.keyboard.press('ArrowRight');
    await expect(tile(app, 1)).toBeFocused();
    await expect(tile(app, 1)).toHaveAttribute('tabindex', '0');
    await expect(tile(app, 0)).toHaveAttribute('tabindex', '-1');
    await app.page.keyboard.press('ArrowDown');
    const below = await app.page.evaluate(() => Number(document.activeElement?.getAttribute('data-index')));
    expect(below).toBeGreaterThan(1);
    await app.page.keyboard.press('ArrowUp');
    await expect(tile(app, 1)).toBeFocused();
    await expect(tile(app, 1)).toHaveAttribute('aria-label', /^s-\d+\.png, \w/u);
    await app.page.keyboard.press('Enter');
    await expect(app.page.getByTestId('photo-detail')).toBeVisible();
    await app.page.getByTestId('close-detail').click();
    await tile(app, 1).focus();
    await app.page.keyboard.press('Space');
    expect(await selectedIndexes(app)).toEqual([1]);
    await app.page.keyboard.press('End');
    await expect(app.page.locator('[data-testid="photo"]:focus')).toHaveAttribute('data-index', '38');
  });

  test('a label of the active set applied to the selection shows on exactly those tiles', async ({ app }) => {
    test.setTimeout(120_000);
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'labelled'));
    await app.waitForLibrary(9, 0);
    await app.applyLabelSet('red, green, blue');
    await app.openTab('photos');
    await expect(app.page.getByTestId('label-chip')).toHaveCount(9);

    const picked = ['labelled/green-1.png', 'labelled/blue-1.png'];
    for (const name of picked) {
      await app.page.locator(`[data-testid="photo"][data-name="${name}"] ~ [data-testid="photo-check"]`).click();
    }
    await expect(app.page.getByTestId('selection-count')).toHaveAttribute('data-count', '2');
    await app.page.getByTestId('selection-action-label').selectOption('red');
    await expect(app.page.getByTestId('selection-message')).toContainText('2 photos labelled red');

    const chips = await app.tileLabels();
    expect(Object.keys(chips)).toHaveLength(9);
    for (const [name, labels] of Object.entries(chips)) {
      expect(labels).toEqual(picked.includes(name) ? ['red'] : [colorOf(name)]);
    }
    const byUser = await app.page
      .locator('[data-testid="label-chip"][data-by-user="true"]')
      .evaluateAll((cs) => cs.map((c) => c.closest('[data-testid="photo"]')!.getAttribute('data-name')).sort());
    expect(byUser).toEqual([...picked].sort());

    // Kept by the library: a reload shows the same.
    await app.page.reload();
    await expect(app.page.locator('[data-testid="label-chip"][data-by-user="true"]')).toHaveCount(2);

    // The selection exports as CSV through the one CSV writer.
    await app.page.locator(`[data-testid="photo"][data-name="${picked[0]}"] ~ [data-testid="photo-check"]`).click();
    const csv = await app.download('selection-action-export');
    expect(csv.name).toBe('shoebox-selection.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('file,name,taken,width,height,id,caption,labels');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^labelled\/green-1\.png,green-1\.png,,96,64,\w+,,red$/u);
  });
});
