import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorPhoto, writePhotoFolder } from '../fixtures/photos';

test('re-scanning a folder indexes new files and forgets deleted ones, computing nothing twice', async ({ app }) => {
  const folder = writePhotoFolder({ 'a.png': 'red', 'b.png': 'green', 'c.png': 'blue' }, 'album');
  await app.goto();
  await app.dropFolder(folder);
  await app.waitForLibrary(3, 0);

  rmSync(join(folder, 'b.png'));
  writeFileSync(join(folder, 'd.png'), colorPhoto('yellow', 42));

  await app.page.getByTestId('tab-folders').click();
  await expect(app.page.locator('[data-testid="folder"][data-root="album"]')).toContainText('3 photos');
  await app.page.getByTestId('rescan').click();
  await expect(app.page.getByTestId('status-message')).toContainText('1 new or changed, 1 removed');
  await app.waitForLibrary(3, 0);
  const names = Object.keys(
    await app.page.evaluate(() =>
      (window as never as { __shoebox: { photoSizes(): Record<string, unknown> } }).__shoebox.photoSizes(),
    ),
  );
  expect(names.sort()).toEqual(['album/a.png', 'album/c.png', 'album/d.png']);
  const stats = await app.page.evaluate(() =>
    (window as never as { __shoebox: { engineStats(): Promise<{ imagesEmbedded: number }> } }).__shoebox.engineStats(),
  );
  expect(stats.imagesEmbedded).toBe(4); // three at first, then only the new one
});
