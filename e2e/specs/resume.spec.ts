import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';
import { ShoeboxPage } from '../pages/ShoeboxPage';

const COUNT = 60;

function bigLibrary(): Record<string, ColorName> {
  const colors: ColorName[] = ['red', 'green', 'blue'];
  return Object.fromEntries(
    Array.from({ length: COUNT }, (_, i) => [`set-${i % 4}/photo-${i}.png`, colors[i % 3]!] as const),
  );
}

test('closing the tab mid-import, twice, loses nothing and indexes nothing twice', async ({ app, context }) => {
  test.setTimeout(240_000);
  const folder = writePhotoFolder(bigLibrary(), 'big');
  let page = app;
  await page.goto();

  for (let round = 0; round < 2; round++) {
    await page.dropFolder(folder);
    // Let part of the import land, then close the tab as a person would.
    await expect
      .poll(async () => Number(await page.status.getAttribute('data-indexed')), { timeout: 60_000, intervals: [50] })
      .toBeGreaterThan(round === 0 ? 5 : 25);
    await page.page.close();

    page = new ShoeboxPage(await context.newPage());
    await page.goto();
    const banner = page.page.getByTestId('interrupted-import');
    await expect(banner).toBeVisible();
    expect(Number(await banner.getAttribute('data-left'))).toBeGreaterThan(0);
  }

  const before = Number(await page.status.getAttribute('data-indexed'));
  expect(before).toBeLessThan(COUNT);
  await page.dropFolder(folder);
  await page.waitForLibrary(COUNT, 0);
  await expect(page.page.getByTestId('interrupted-import')).toHaveCount(0);

  const { stats, report } = await page.page.evaluate(async () => {
    const hooks = (window as never as { __shoebox: Record<string, () => Promise<unknown>> }).__shoebox;
    return { stats: (await hooks.engineStats!()) as { imagesEmbedded: number }, report: await hooks.consistency!() };
  });
  // Only what was missing was embedded in this tab.
  expect(stats.imagesEmbedded).toBe(COUNT - before);
  expect(report).toMatchObject({ ok: true });
});
