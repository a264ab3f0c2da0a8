import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { colorPhotoWithExif } from '../fixtures/exif';
import type { ColorName } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

const PLACES: Record<string, [ColorName, { lat: number; lon: number } | null]> = {
  'paris/red-1.png': ['red', { lat: 48.8566, lon: 2.3522 }],
  'paris/green-1.png': ['green', { lat: 48.8606, lon: 2.3376 }],
  'lyon/red-2.png': ['red', { lat: 45.764, lon: 4.8357 }],
  'tokyo/red-3.png': ['red', { lat: 35.6762, lon: 139.6503 }],
  'sydney/blue-1.png': ['blue', { lat: -33.8568, lon: 151.2153 }],
  'nyc/red-4.png': ['red', { lat: 40.7128, lon: -74.006 }],
  'nowhere/red-5.png': ['red', null],
};

function writePlaces(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-')), 'places');
  Object.entries(PLACES).forEach(([path, [color, gps]], i) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), colorPhotoWithExif(color, i, gps ? { make: 'Canon', gps } : { make: 'Canon' }));
  });
  return root;
}

/** Page coordinates of a place on the map, from the part of the world it says it shows. */
async function onMap(map: Locator, lat: number, lon: number): Promise<{ x: number; y: number }> {
  const [south, west, north, east] = (await map.getAttribute('data-view'))!.split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const r = (await map.boundingBox())!;
  return { x: r.x + ((lon - west) / (east - west)) * r.width, y: r.y + ((north - lat) / (north - south)) * r.height };
}

async function dragBox(app: ShoeboxPage, map: Locator, from: [number, number], to: [number, number]): Promise<void> {
  const a = await onMap(map, ...from);
  const b = await onMap(map, ...to);
  await app.page.mouse.move(a.x, a.y);
  await app.page.mouse.down();
  await app.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await app.page.mouse.move(b.x, b.y, { steps: 4 });
  await app.page.mouse.up();
}

const sorted = async (app: ShoeboxPage) => (await app.names()).sort();

test.describe('the place filter', () => {
  test('a box dragged on the map of photo places keeps exactly the photos inside; chip, undo, numbers, selection', async ({
    app,
    requests,
  }) => {
    await app.goto();
    await app.dropFolder(writePlaces());
    await app.waitForLibrary(7, 0);
    await app.page.getByTestId('filters-toggle').click();
    const map = app.page.getByRole('img', { name: /Map of where 6 photos were taken/u });
    await expect(map).toBeVisible();
    // Two Paris photos a few hundred metres apart share a dot at this scale.
    await expect(map.locator('circle')).toHaveCount(5);

    // Drag across western Europe: Paris (2) and Lyon, not New York, Tokyo, Sydney, nor the photo with no place.
    await dragBox(app, map, [52, -2], [44, 8]);
    const europe = ['places/lyon/red-2.png', 'places/paris/green-1.png', 'places/paris/red-1.png'];
    await expect(app.page.getByTestId('filter-count')).toHaveAttribute('data-count', '3');
    await expect.poll(() => sorted(app)).toEqual(europe);
    const chip = app.page.locator('[data-testid="refine-chip"][data-key="box"]');
    await expect(chip).toContainText(/taken in 4\d(\.\d+)?°N to 5\d(\.\d+)?°N/u);
    await expect(app.page.getByTestId('place-map-box')).toBeVisible();
    // The fields show the box drawn.
    expect(Number(await app.page.getByLabel('North (lat)').inputValue())).toBeCloseTo(52, 0);
    const axe = await new AxeBuilder({ page: app.page }).include('[data-testid="refine-bar"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The chip comes off, and undo puts it back.
    await chip.getByTestId('refine-chip-remove').click();
    await expect(app.photos).toHaveCount(7);
    await app.page.getByTestId('refine-undo').click();
    await expect.poll(() => sorted(app)).toEqual(europe);

    // Zoomed in on the area, the places outside it leave the map, and a finer box can be drawn there.
    await app.page.getByTestId('place-zoom').click();
    await expect.poll(() => map.locator('circle').count()).toBeLessThanOrEqual(3);
    await dragBox(app, map, [46.5, 4], [45, 5.5]);
    await expect.poll(() => app.names()).toEqual(['places/lyon/red-2.png']);
    await app.page.getByTestId('place-zoom').click();
    await expect(map.locator('circle')).toHaveCount(5);

    // The keyboard way: four numbers and Enter.
    await app.page.getByLabel('South (lat)').fill('35');
    await app.page.getByLabel('West (lon)').fill('139');
    await app.page.getByLabel('North (lat)').fill('36');
    await app.page.getByLabel('East (lon)').fill('140');
    await app.page.getByLabel('East (lon)').press('Enter');
    await expect.poll(() => app.names()).toEqual(['places/tokyo/red-3.png']);
    // A box that is not one is said, and the last good one stays (with what was typed).
    await app.page.getByLabel('South (lat)').fill('50');
    await app.page.getByLabel('South (lat)').press('Enter');
    await expect(app.page.getByTestId('place-problem')).toContainText('south is above north');
    await expect(app.page.getByLabel('South (lat)')).toHaveValue('50');
    await expect.poll(() => app.names()).toEqual(['places/tokyo/red-3.png']);
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      const axe = await new AxeBuilder({ page: app.page }).include('[data-testid="place-filter"]').analyze();
      expect(axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`)).toEqual(
        [],
      );
    }

    // The area of the selected photos: Lyon and Tokyo span a box that holds no other photo.
    await app.page.getByTestId('filters-clear').click();
    await expect(app.photos).toHaveCount(7);
    // The open panel covers the grid: close it to pick the photos, open it again for the button.
    await app.page.getByTestId('filters-toggle').click();
    for (const name of ['places/lyon/red-2.png', 'places/tokyo/red-3.png']) {
      await app.page.locator(`[data-testid="photo"][data-name="${name}"]`).click({ modifiers: ['ControlOrMeta'] });
    }
    await app.page.getByTestId('filters-toggle').click();
    await app.page.getByTestId('place-selected').click();
    await expect.poll(() => sorted(app)).toEqual(['places/lyon/red-2.png', 'places/tokyo/red-3.png']);
    expect(requests.foreign).toEqual([]);
  });

  test('fits a phone: the map and its fields stay on screen, and a drag there works too', async ({ app }) => {
    await app.goto();
    await app.dropFolder(writePlaces());
    await app.waitForLibrary(7, 0);
    // Phone width once the photos are in (the drop lands at x 400).
    await app.page.setViewportSize({ width: 390, height: 844 });
    await app.page.getByTestId('filters-toggle').click();
    const map = app.page.getByTestId('place-map');
    await map.scrollIntoViewIfNeeded();
    const r = (await map.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(390);
    for (const side of ['South (lat)', 'West (lon)', 'North (lat)', 'East (lon)']) {
      const box = (await app.page.getByLabel(side).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await dragBox(app, map, [0, 130], [-45, 160]);
    await expect(app.page.getByTestId('filter-count')).toHaveAttribute('data-count', '1');
    await expect(app.page.locator('[data-testid="refine-chip"][data-key="box"]')).toContainText('°S');
  });
});
