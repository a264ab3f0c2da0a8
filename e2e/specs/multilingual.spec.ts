import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

const MULTILINGUAL = 'fixture-color-siglip';

/** Chooses the multilingual fixture in the Models tab. */
async function chooseMultilingual(page: import('@playwright/test').Page, open: () => Promise<void>): Promise<void> {
  await open();
  const row = page.locator(`[data-testid="model-row"][data-model="${MULTILINGUAL}"]`);
  await row.getByTestId('model-use').click();
  await expect(row.getByTestId('model-active')).toBeVisible();
}

test.describe('any language', () => {
  test('with the multilingual model chosen in the Models tab, Ukrainian, Hindi and Chinese words find the colours', async ({
    app,
    page,
  }) => {
    await app.goto();
    await chooseMultilingual(page, () => app.openTab('models'));

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

  test('Ukrainian labels, scored with the sigmoid: each photo its colour, and "none of these" when no label fits', async ({
    app,
    page,
  }) => {
    await app.goto();
    await chooseMultilingual(page, () => app.openTab('models'));
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'labels'));
    await app.waitForLibrary(9, 0);

    await app.applyLabelSet('червоний, зелений, синій', { mode: 'single' });
    expect(await app.labelCounts()).toEqual({ червоний: 3, зелений: 3, синій: 3, '': 0 });
    // Yellow and white fit none of the red, green and blue photos: a sigmoid scores each label on its own, so the
    // winner of two bad labels is still a bad match (a softmax would hand every photo one of them).
    await app.applyLabelSet('жовтий, білий', { mode: 'single', asNew: true });
    expect(await app.labelCounts()).toEqual({ жовтий: 0, білий: 0, '': 9 });
  });
});
