import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

type Hooks = Record<string, (...args: unknown[]) => Promise<unknown>>;
const hook = <T>(app: ShoeboxPage, name: string, ...args: unknown[]) =>
  app.page.evaluate(([n, a]) => (window as never as { __shoebox: Hooks }).__shoebox[n as string]!(...(a as [])), [
    name,
    args,
  ] as const) as Promise<T>;

function colours(count: number): Record<string, ColorName> {
  const colors: ColorName[] = ['red', 'green', 'blue', 'yellow'];
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${colors[i % 4]}-${i}.png`, colors[i % 4]!]));
}

/** The tiles the grid shows, in order, with their scores. */
async function shown(app: ShoeboxPage): Promise<{ id: string; score: number }[]> {
  return app.photos.evaluateAll((tiles) =>
    tiles.map((t) => ({ id: t.getAttribute('data-id') ?? '', score: Number(t.getAttribute('data-score')) })),
  );
}

test('a 2,000-photo library searches in the search worker while an import runs, as the plain-JS scan ranks', async ({
  app,
}) => {
  test.setTimeout(240_000);
  await app.goto();
  await expect(app.status).toHaveAttribute('data-state', 'empty');
  await hook(app, 'seedLibrary', 2000);
  await app.page.reload();
  // Opening says so, then the count comes from the stored vectors.
  await expect(app.status).toHaveAttribute('data-photos', '2000');
  await expect(app.status).toHaveAttribute('data-indexed', '2000');

  // Paused as soon as it starts, so the import is surely still in progress when the answer comes (the pipeline
  // indexes these small photos in a blink).
  await app.dropFolder(writePhotoFolder(colours(320), 'arriving'));
  await expect(app.status).toHaveAttribute('data-state', 'indexing');
  await app.page.getByTestId('pause').click();
  await app.setMinScore(-0.2);
  await app.searchFor('red');
  expect(await app.status.getAttribute('data-state')).toBe('indexing'); // answered mid-import
  await expect(app.photos.first()).toBeVisible();

  // The grid stays usable: a tile opens and closes while photos keep arriving.
  await app.photos.first().click();
  await expect(app.page.getByTestId('photo-detail')).toBeVisible();
  await app.page.getByTestId('close-detail').click();

  // Held still (paused, the batch in flight landed), the worker's ranking is the plain scan's, score for score.
  await app.page.waitForTimeout(3000);
  await app.searchFor('red ');
  await app.searchFor('red');
  const ui = (await shown(app)).slice(0, 12);
  const plain = (await hook<{ id: string; score: number }[]>(app, 'plainSearch', 'red', 12)).map((m) => ({
    id: m.id,
    score: Number(m.score.toFixed(4)),
  }));
  expect(ui.length).toBe(12);
  expect(ui).toEqual(plain);

  await app.page.getByTestId('resume').click();
  await app.waitForLibrary(2320, 0, 180_000);
  await app.searchFor('blue');
  const names = await app.names();
  expect(names.slice(0, 5).every((n) => n.startsWith('arriving/blue-'))).toBe(true);
});
