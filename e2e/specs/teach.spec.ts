import { test, expect } from '../fixtures/fixtures';
import type { ShoeboxPage } from '../pages/ShoeboxPage';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';

/** Seven red photos (five to teach with, two it must find alone) and four of each other colour the model knows. */
function library(): Record<string, ColorName> {
  const layout: Record<string, ColorName> = {};
  for (let i = 1; i <= 7; i++) layout[`${i % 2 ? 'trip' : 'home'}/red-${i}.png`] = 'red';
  for (const color of ['green', 'blue', 'yellow'] as const)
    for (let i = 1; i <= 4; i++) layout[`${i % 2 ? 'home' : 'trip'}/${color}-${i}.png`] = color;
  return layout;
}

const TAUGHT = ['red-1', 'red-2', 'red-3', 'red-4', 'red-5'];
const colorOf = (name: string) => /(red|green|blue|yellow)-\d\.png$/.exec(name)![1]!;

async function select(app: ShoeboxPage, stems: readonly string[]): Promise<void> {
  const gallery = app.page.getByTestId('gallery');
  for (const stem of stems) {
    const check = app.page.locator(`[data-testid="photo"][data-name$="/${stem}.png"] ~ [data-testid="photo-check"]`);
    // The grid is virtualized: on a phone the tile may be further down, not rendered until scrolled to.
    await gallery.evaluate((el) => el.scrollTo(0, 0));
    for (let i = 0; i < 40 && (await check.count()) === 0; i++) await gallery.evaluate((el) => el.scrollBy(0, 300));
    await check.click();
  }
  await expect(app.page.getByTestId('selection-count')).toHaveAttribute('data-count', String(stems.length));
}

async function teach(app: ShoeboxPage, name: string, as: 'example' | 'counter' = 'example'): Promise<void> {
  await app.page.getByTestId('selection-action-teach-name').fill(name);
  await app.page.getByTestId(`selection-action-teach-${as}`).click();
}

async function expectRedsOnly(app: ShoeboxPage): Promise<void> {
  await app.openTab('photos');
  await expect(app.photos).toHaveCount(19);
  const chips = await app.tileLabels();
  expect(Object.keys(chips)).toHaveLength(19);
  for (const [name, labels] of Object.entries(chips)) {
    expect(labels, name).toEqual(colorOf(name) === 'red' ? ['my things'] : []);
  }
}

test.describe('teach a label by example', () => {
  test('"my things", taught with five red photos and no prompt naming red, labels the red photos and no other', async ({
    app,
  }) => {
    test.setTimeout(150_000);
    await app.goto();
    await app.pickFolder(writePhotoFolder(library(), 'teach'));
    await app.waitForLibrary(19, 0);

    await select(app, TAUGHT);
    await teach(app, 'my things');
    await expect(app.page.getByTestId('selection-message')).toContainText(
      '5 photos marked as examples of my things: 7 photos labelled · 5-fold accuracy',
    );
    await expectRedsOnly(app);
    expect((await app.engineStats()).textsEmbedded).toBe(0); // no prompt at all, let alone one naming the colour

    await app.openTab('labels');
    expect(await app.labelCounts()).toEqual({ 'my things': 7, '': 12 });
    const taught = app.page.getByTestId('taught-label');
    await expect(taught).toHaveAttribute('data-label', 'my things');
    await expect(taught).toContainText('5 examples and 14 other photos sampled as negatives · 7 photos labelled');
    const accuracy = taught.getByTestId('taught-accuracy');
    await expect(accuracy).toHaveAttribute('data-folds', '5');
    await expect(accuracy).toHaveAttribute('data-rows', '19');
    const figure = Number(await accuracy.getAttribute('data-accuracy'));
    // The two untaught red photos were sampled as negatives: at most those two are held-out mistakes.
    expect(figure).toBeGreaterThanOrEqual(17 / 19 - 1e-4);
    expect(figure).toBeLessThanOrEqual(1);
    await expect(accuracy).toContainText(`${(figure * 100).toFixed(1)}% cross-validated accuracy (5-fold`);

    const unsure = taught.getByTestId('taught-least-sure-item');
    await expect(unsure).toHaveCount(12);
    const items = await unsure.evaluateAll((els) =>
      els.map((e) => ({ name: e.getAttribute('data-name')!, p: Number(e.getAttribute('data-probability')) })),
    );
    for (const { name, p } of items) {
      expect(
        TAUGHT.some((stem) => name.endsWith(`/${stem}.png`)),
        name,
      ).toBe(false);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      expect(p >= 0.5).toBe(colorOf(name) === 'red');
    }
    // Nearest the decision first.
    const distances = items.map(({ p }) => Math.abs(p - 0.5));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    // Marking a least-sure red photo as an example teaches it one more.
    const red = items.find(({ name }) => colorOf(name) === 'red')!;
    await app.page
      .locator(`[data-testid="taught-least-sure-item"][data-name="${red.name}"]`)
      .getByTestId('taught-mark-example')
      .click();
    await expect(taught).toContainText('6 examples and 13 other photos sampled');
    await expect(app.page.locator(`[data-testid="taught-least-sure-item"][data-name="${red.name}"]`)).toHaveCount(0);

    // It survives a reload: the examples are stored with the label set.
    await app.page.reload();
    await app.waitForLibrary(19);
    await expectRedsOnly(app);
    await app.openTab('labels');
    await expect(app.page.getByTestId('taught-label')).toContainText('6 examples');
    const csv = await app.download('export-csv');
    const lines = csv.text.split(/\r?\n/);
    expect(lines[0]).toBe('file,labels,scores,caption,caption_source,id,example_of,counter_example_of');
    expect(lines.filter((l) => l.endsWith(',my things,')).length).toBe(6);
  });

  test('screenshots: the selection bar and the taught label, phone and desktop', async ({ app }) => {
    test.setTimeout(150_000);
    for (const [width, height] of [
      [390, 844],
      [1440, 900],
    ] as const) {
      await app.page.setViewportSize({ width, height });
      await app.goto();
      if (width === 390) {
        await app.pickFolder(writePhotoFolder(library(), 'teach'));
        await app.waitForLibrary(19, 0);
      } else await app.waitForLibrary(19);
      await app.openTab('photos');
      // Selected at desktop size: on a phone the selection bar leaves one row of the grid in view (an open #17 item).
      await app.page.setViewportSize({ width: 1440, height: 900 });
      await select(app, width === 390 ? TAUGHT : ['green-1']);
      await app.page.setViewportSize({ width, height });
      if (width === 390) {
        await app.page.getByTestId('selection-action-teach-name').fill('my things');
        await app.page.screenshot({ path: test.info().outputPath(`teach-bar-${width}.png`) });
        await app.page.getByTestId('selection-action-teach-example').click();
        await expect(app.page.getByTestId('selection-message')).toContainText('7 photos labelled');
      } else {
        await teach(app, 'my things', 'counter');
        await expect(app.page.getByTestId('selection-message')).toContainText('counter-examples of my things');
        await app.page.screenshot({ path: test.info().outputPath(`teach-bar-${width}.png`) });
      }
      await app.openTab('labels');
      await expect(app.page.getByTestId('taught-least-sure-item').first()).toBeVisible();
      await app.page.getByTestId('taught-accuracy').scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: test.info().outputPath(`teach-card-${width}.png`) });
    }
  });
});
