import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';

/** `shift` changes every photo's colour, so two libraries never share bytes (identical files are stored once). */
function library(count: number, shift = 0): Record<string, ColorName> {
  const colors: ColorName[] = ['red', 'green', 'blue'];
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`p-${i}.png`, colors[(i + shift) % 3]!]));
}

test('indexing shows progress and can be paused, resumed and cancelled', async ({ app }) => {
  test.setTimeout(180_000);
  await app.goto();
  const indexed = async () => Number(await app.status.getAttribute('data-indexed'));
  // The demo model indexes these 48 photos in seconds: each step acts the moment the import is seen running.
  await app.dropFolder(writePhotoFolder(library(48), 'slow'));
  await app.page.getByTestId('pause').click();
  await expect(app.status).toContainText('Paused');
  await app.page.waitForTimeout(3000); // the batch in flight lands, and the grid's throttled refresh shows it
  const whilePaused = await indexed();
  expect(whilePaused).toBeLessThan(48);
  await expect(app.page.getByTestId('index-rate')).toContainText('photos/s');
  await app.page.waitForTimeout(2000);
  expect(await indexed()).toBe(whilePaused);

  await app.page.getByTestId('resume').click();
  await app.waitForLibrary(48, 0);

  await app.dropFolder(writePhotoFolder(library(48, 1), 'cancelled'));
  await app.page.getByTestId('cancel').click();
  await expect(app.page.getByTestId('status-message')).toContainText('cancelled');
  await expect(app.status).toHaveAttribute('data-state', 'ready');
  const afterCancel = await indexed();
  expect(afterCancel).toBeLessThan(96);
  await app.page.waitForTimeout(1500);
  expect(await indexed()).toBe(afterCancel);
});
