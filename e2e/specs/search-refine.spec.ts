import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorPhotoWithExif, type ExifFields } from '../fixtures/exif';
import { colorLibrary, writePhotoFolder, type ColorName } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/** Ctrl/Cmd-click toggles a tile into the selection. */
async function select(app: ShoeboxPage, name: string): Promise<void> {
  await app.page.locator(`[data-testid="photo"][data-name="${name}"]`).click({ modifiers: ['ControlOrMeta'] });
}

test.describe('refining a search', () => {
  test('"more like these" moves the chosen photos up, "fewer" pushes them down; chips come off; undo', async ({
    app,
    requests,
  }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'refine'));
    await app.waitForLibrary(9, 0);
    await app.setMinScore(-0.2);
    await app.searchFor('red');
    await expect(app.photos).toHaveCount(9);
    const before = await app.names();
    expect(before.slice(0, 3).every((n) => n.includes('red'))).toBe(true);
    // The two other colours: the one ranked in the middle and the one ranked last for "red".
    const colourOf = (name: string) => /(red|green|blue)-\d/u.exec(name)![1]!;
    const middle = before.filter((n) => colourOf(n) === colourOf(before[3]!));
    const last = before.filter((n) => colourOf(n) === colourOf(before[8]!));
    // A photo pushed below the cutoff is not shown: it counts as behind every shown one.
    const rank = (names: string[], n: string) => (names.includes(n) ? names.indexOf(n) : names.length);
    const meanRank = (names: string[], of: string[]) => of.reduce((s, n) => s + rank(names, n), 0) / of.length;

    // "More like these" on one photo of the last colour: that colour moves up, the search is still "red".
    await select(app, last[2]!);
    await app.page.getByTestId('selection-action-more').click();
    const chip = app.page.getByTestId('refine-chip');
    await expect(chip).toHaveCount(1);
    await expect(chip).toHaveAttribute('data-kind', 'more');
    await expect.poll(async () => meanRank(await app.names(), last)).toBeLessThan(meanRank(before, last));
    expect((await app.names())[0]).toContain('red');

    // "Fewer like these" on one photo of the middle colour, then the "more" chip off: the middle colour goes down.
    await select(app, middle[0]!);
    await app.page.getByTestId('selection-action-fewer').click();
    await expect(chip).toHaveCount(2);
    await app.page.locator('[data-testid="refine-chip"][data-kind="more"] [data-testid="refine-chip-remove"]').click();
    await expect(chip).toHaveCount(1);
    await expect(chip).toHaveAttribute('data-kind', 'fewer');
    await expect.poll(async () => meanRank(await app.names(), middle)).toBeGreaterThan(meanRank(before, middle));
    const fewer = await app.names();

    // No chip left: the plain ranking is back. Undo puts the last removed chip back, and its effect.
    await app.page.getByTestId('refine-chip-remove').click();
    await expect(chip).toHaveCount(0);
    await expect.poll(() => app.names()).toEqual(before);
    await app.page.getByTestId('refine-undo').click();
    await expect(chip).toHaveCount(1);
    await expect(chip).toHaveAttribute('data-kind', 'fewer');
    await expect.poll(() => app.names()).toEqual(fewer);
    expect(requests.foreign).toEqual([]);
  });

  test('a date and camera filter with a text query gives exactly the expected photos, in date order', async ({
    app,
  }) => {
    const canon = { make: 'Canon', model: 'EOS R5', lens: 'RF 24-105mm F4 L IS USM' };
    const nikon = { make: 'NIKON CORPORATION', model: 'NIKON D750' };
    const layout: Record<string, [ColorName, ExifFields]> = {
      'trip/red-jul.png': ['red', { dateTimeOriginal: '2019:07:04 12:00:00', ...canon }],
      'trip/red-mar.png': ['red', { dateTimeOriginal: '2019:03:01 09:30:00', ...canon }],
      'home/red-nov.png': ['red', { dateTimeOriginal: '2019:11:20 18:00:00', ...canon }],
      'home/red-2020.png': ['red', { dateTimeOriginal: '2020:01:10 10:00:00', ...canon }],
      'home/red-nikon.png': ['red', { dateTimeOriginal: '2019:05:05 10:00:00', ...nikon }],
      'home/red-nodate.png': ['red', { ...canon }],
      'trip/green-2019.png': ['green', { dateTimeOriginal: '2019:06:01 08:00:00', ...canon }],
      'trip/blue-2019.png': ['blue', { dateTimeOriginal: '2019:08:01 08:00:00', ...canon }],
    };
    const root = join(mkdtempSync(join(tmpdir(), 'shoebox-')), 'exif');
    Object.entries(layout).forEach(([path, [color, fields]], i) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), colorPhotoWithExif(color, i, fields));
    });
    await app.goto();
    await app.dropFolder(root);
    await app.waitForLibrary(8, 0);

    await app.page.getByTestId('filters-toggle').click();
    await app.page.getByTestId('filter-from').fill('2019-01-01');
    await app.page.getByTestId('filter-to').fill('2019-12-31');
    await app.page.getByTestId('filter-make').selectOption('Canon');
    // Browsing with filters: every photo that passes, whatever its colour.
    await expect(app.page.getByTestId('filter-count')).toHaveAttribute('data-count', '5');
    await expect(app.page.locator('[data-testid="refine-chip"][data-kind="filter"]')).toHaveCount(3);

    await app.page.getByTestId('sort').selectOption('date');
    await app.searchFor('red');
    const red2019Canon = ['exif/home/red-nov.png', 'exif/trip/red-jul.png', 'exif/trip/red-mar.png'];
    await expect.poll(() => app.names()).toEqual(red2019Canon);

    // Off with the camera: the Nikon photo of 2019 joins, in its place by date.
    await app.page.locator('[data-testid="refine-chip"][data-key="make"] [data-testid="refine-chip-remove"]').click();
    await expect
      .poll(() => app.names())
      .toEqual(['exif/home/red-nov.png', 'exif/trip/red-jul.png', 'exif/home/red-nikon.png', 'exif/trip/red-mar.png']);
    await app.page.getByTestId('refine-undo').click();
    await expect.poll(() => app.names()).toEqual(red2019Canon);

    // A bad part is said and dropped, the rest still applies.
    await app.page.getByTestId('filter-to').fill('2018-01-01');
    await expect(app.page.getByTestId('filter-errors')).toContainText('no photo can match');
    await expect(app.photos).toHaveCount(0);
  });
});
