import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

/** axe on the page as it is; every violation, with the elements it names, fails the test. */
async function expectNoViolations(page: Page, view: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${view}`).toEqual([]);
}

const VIEWS = ['labels', 'captions', 'duplicates', 'models', 'storage', 'evaluate', 'folders'] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`every view passes axe in the ${scheme} theme`, async ({ app, page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await app.goto();
    await expect(page.getByTestId('welcome')).toBeVisible();
    await expectNoViolations(page, 'photos (empty)');

    await app.pickFolder(writePhotoFolder(colorLibrary(), `a11y-${scheme}`));
    await app.waitForLibrary(9);
    await expect(app.photos).toHaveCount(9);
    await expectNoViolations(page, 'photos');
    await app.searchFor('red');
    await expectNoViolations(page, 'photos (search results)');

    await app.photos.first().click();
    await expect(page.getByTestId('photo-detail')).toBeVisible();
    await expectNoViolations(page, 'the viewer');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('photo-detail')).toHaveCount(0);

    await page.getByTestId('photo-check').first().click();
    await expect(page.getByTestId('selection-bar')).toBeVisible();
    await expectNoViolations(page, 'the selection bar');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoViolations(page, 'the selection bar on a phone');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('selection-bar')).toHaveCount(0);
    await expectNoViolations(page, 'photos on a phone');
    await page.setViewportSize({ width: 1280, height: 720 });

    // The labels form with a set applied: its counts, and the label chips on the tiles.
    await app.applyLabelSet('red, green, blue');
    await expectNoViolations(page, 'labels (applied)');
    await app.openTab('photos');
    await expect(page.getByTestId('label-chip').first()).toBeVisible();
    await expectNoViolations(page, 'photos with labels');

    for (const view of VIEWS) {
      await app.openTab(view);
      await expect(page.getByTestId(`tab-${view}`)).toHaveAttribute('aria-selected', 'true');
      await expectNoViolations(page, view);
    }
  });
}
