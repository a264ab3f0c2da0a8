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

const VIEWS = ['labels', 'captions', 'models', 'storage', 'evaluate', 'folders'] as const;

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

    for (const view of VIEWS) {
      await app.openTab(view);
      await expect(page.getByTestId(`tab-${view}`)).toHaveAttribute('aria-selected', 'true');
      await expectNoViolations(page, view);
    }
  });
}
