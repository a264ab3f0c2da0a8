import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

test.describe('drop, index, search', () => {
  test('a dropped nested folder is indexed and "red" finds the red photos first', async ({ app }) => {
    const folder = writePhotoFolder(colorLibrary(), 'colors');
    await app.goto();
    await expect(app.status).toHaveAttribute('data-state', 'empty');
    await app.dropFolder(folder);
    await app.waitForLibrary(9, 0);

    await app.searchFor('red');
    await expect(app.photos).toHaveCount(3); // the model's default cutoff hides the weak matches
    await app.setMinScore(-0.2);
    await expect(app.photos).toHaveCount(9);
    const names = await app.names();
    expect(names.slice(0, 3).sort()).toEqual([
      'colors/2019/red-2.png',
      'colors/2019/summer/red-3.png',
      'colors/red-1.png',
    ]);
    const scores = await app.scores();
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[2]!).toBeGreaterThan(scores[3]! + 0.1);
  });

  test('"more like this" on a green photo ranks green photos first', async ({ app }) => {
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'picked'));
    await app.waitForLibrary(9);
    await expect(app.photos).toHaveCount(9);
    const green = await app.page
      .locator('[data-testid="photo"][data-name="picked/green-1.png"]')
      .getAttribute('data-id');
    await app.open('picked/green-1.png');
    await app.page.getByTestId('more-like-this').click();
    await expect(app.page.getByTestId('result-count')).toHaveAttribute('data-query', `similar:${green}`);
    // The whole library (the default cutoff keeps every photo of this one), the three greens first.
    await expect(app.photos).toHaveCount(9);
    const names = await app.names();
    expect(names).toHaveLength(9);
    expect(names.slice(0, 3).sort()).toEqual([
      'picked/2020/deep/er/green-3.png',
      'picked/2020/green-2.png',
      'picked/green-1.png',
    ]);
    const scores = await app.scores();
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[2]!).toBeGreaterThan(scores[3]! + 0.1);
  });

  test('the relevance cutoff hides weak matches', async ({ app }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'cutoff'));
    await app.waitForLibrary(9);
    await app.searchFor('blue');
    await expect(app.photos).toHaveCount(3); // the model's default cutoff already hides weak matches
    await app.setMinScore(-0.2);
    await expect(app.photos).toHaveCount(9);
    const scores = await app.scores();
    await app.setMinScore((scores[2]! + scores[3]!) / 2);
    await expect(app.photos).toHaveCount(3);
    expect((await app.names()).every((n) => n.includes('blue'))).toBe(true);
  });

  test('after a reload the library is there and nothing is recomputed', async ({ app }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'reload'));
    await app.waitForLibrary(9);
    await app.page.reload();
    await app.waitForLibrary(9);
    await app.searchFor('green');
    expect((await app.names()).slice(0, 3).every((n) => n.includes('green'))).toBe(true);
    const stats = await app.engineStats();
    expect(stats.imagesEmbedded).toBe(0); // warm-up runs inside the engine and is not counted
    // Searching needs only the text tower: the vision tower is not loaded after a reload (one model load).
    expect(stats.modelLoads).toBe(1);
  });
});
