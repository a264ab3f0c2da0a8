import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

const MULTILINGUAL = 'fixture-color-siglip';

test.describe('any language', () => {
  test('with the multilingual model chosen in the Models tab, Ukrainian, Hindi and Chinese words find the colours', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.openTab('models');
    const row = page.locator(`[data-testid="model-row"][data-model="${MULTILINGUAL}"]`);
    await row.getByTestId('model-use').click();
    await expect(row.getByTestId('model-active')).toBeVisible();

    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colours'));
    await app.waitForLibrary(9, 0);

    await app.searchFor('червоний'); // Ukrainian "red"
    await expect(app.photos).toHaveCount(3); // the model's cutoff hides the other colours
    expect((await app.names()).sort()).toEqual([
      'colours/2019/red-2.png',
      'colours/2019/summer/red-3.png',
      'colours/red-1.png',
    ]);

    await app.searchFor('नीला आसमान'); // Hindi "blue sky"
    await expect(app.photos).toHaveCount(3);
    expect((await app.names()).sort()).toEqual([
      'colours/2019/blue-2.png',
      'colours/2021/blue-3.png',
      'colours/blue-1.png',
    ]);

    await app.searchFor('绿色'); // Chinese "green"
    await expect(app.photos).toHaveCount(3);
    expect((await app.names()).every((n) => n.includes('green'))).toBe(true);
    const scores = await app.scores();
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
