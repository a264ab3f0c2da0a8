import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/**
 * Every photo ranked for a query, with its score: what "identical search results" compares. Equal scores have no
 * defined order (it follows storage order, which an import may change), so ties are listed by name.
 */
async function ranking(app: ShoeboxPage, query: string): Promise<[string, number][]> {
  await app.openTab('photos');
  await app.searchFor(query);
  await app.setMinScore(-1);
  await expect(app.photos).toHaveCount(9);
  const names = await app.names();
  const scores = await app.scores();
  const rows = names.map((n, i): [string, number] => [n, scores[i]!]);
  return rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

test.describe('the library leaves and comes back', () => {
  test('export, delete everything, import: identical search results; a second import changes nothing', async ({
    app,
    page,
    requests,
  }) => {
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'trip'));
    await app.waitForLibrary(9, 0);
    const before = await ranking(app, 'green');

    await app.openTab('storage');
    await expect(page.getByTestId('usage-thumbnails')).not.toHaveAttribute('data-bytes', '0');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-library').click()]);
    expect(download.suggestedFilename()).toMatch(/^shoebox-library-.*\.zip$/);
    const file = await download.path();

    await page.getByTestId('delete-everything').click();
    await expect(page.getByTestId('delete-confirmation')).toBeVisible();
    await page.getByTestId('confirm-delete').click();
    await expect(app.status).toHaveAttribute('data-photos', '0');
    await expect(page.getByTestId('usage-thumbnails')).toHaveAttribute('data-bytes', '0');

    await page.getByTestId('import-library').setInputFiles(file);
    await expect(page.getByTestId('storage-message')).toContainText('Imported 9 new photos');
    await expect(app.status).toHaveAttribute('data-photos', '9');
    await app.waitForLibrary(9);
    expect(await ranking(app, 'green')).toEqual(before);

    await app.openTab('storage');
    await page.getByTestId('import-library').setInputFiles(file);
    await expect(page.getByTestId('storage-message')).toContainText('Nothing new');
    await expect(app.status).toHaveAttribute('data-photos', '9');
    expect(
      await page.evaluate(() => (window as never as { __shoebox: { consistency(): unknown } }).__shoebox.consistency()),
    ).toMatchObject({ ok: true });
    expect(requests.failed).toEqual([]);
  });

  test('a file that is not a library export is refused with a clear message', async ({ app, page }) => {
    await app.goto();
    await app.openTab('storage');
    await page
      .getByTestId('import-library')
      .setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
    await expect(page.getByTestId('storage-message')).toHaveAttribute('data-error', 'true');
    await expect(page.getByTestId('storage-message')).toContainText('not a Shoebox library');
  });

  test('the storage view explains persistence and shows where the space goes', async ({ app, page }) => {
    await app.goto();
    await app.openTab('storage');
    await expect(page.getByTestId('storage-usage')).toBeVisible();
    await expect(page.getByTestId('persistence')).toContainText('persistent');
    await page.screenshot({ path: test.info().outputPath('storage.png'), fullPage: true });
  });
});
