import { test, expect } from '../fixtures/fixtures';
import { XSS_NAME, writeNastyFolder } from '../fixtures/nasty';

test('hostile names, odd names, empty, huge and deep files: imported or reported, never run, never hang', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const nasty = writeNastyFolder();
  await app.goto();
  await app.dropFolder(nasty.root);
  await expect(app.status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(app.status).toHaveAttribute('data-indexed', String(nasty.imported.length));

  const names = Object.keys(
    await app.page.evaluate(() =>
      (window as never as { __shoebox: { photoSizes(): Record<string, unknown> } }).__shoebox.photoSizes(),
    ),
  );
  expect(names.sort()).toEqual([...nasty.imported].sort());

  const reasons = await app.problemReasons();
  for (const [name, reason] of Object.entries(nasty.reported)) expect(reasons[name], name).toMatch(reason);
  // The folder past the depth limit is reported by its path, not silently dropped; the link loop never hangs.
  const deep = Object.entries(reasons).filter(([, why]) => /nested too deeply|loops back/.test(why));
  expect(deep.length).toBeGreaterThan(0);

  // The hostile name is shown as text, exactly; no element was created from it.
  await app.open(`nasty/${XSS_NAME}`);
  await expect(app.page.getByTestId('detail-name')).toHaveText(XSS_NAME);
  await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
});
