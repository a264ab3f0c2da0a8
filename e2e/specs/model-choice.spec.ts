import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

// The demo source has one captioner; the same fixture model imported from its folder is a second one.
const COLOR_CAPTIONER = resolve('public/models/fixtures/color-captioner');
const BUILT_IN = 'fixture-color-captioner';
const IMPORTED = 'imported-color-captioner';

/** Imports the fixture captioner's folder in the Models tab without choosing it. */
async function importCaptioner(app: ShoeboxPage, page: Page): Promise<void> {
  await app.openTab('models');
  await page.getByTestId('model-folder-input').setInputFiles(COLOR_CAPTIONER);
  await expect(page.getByTestId('models-message')).toHaveAttribute('data-error', 'false');
  await expect(modelRow(page, IMPORTED)).toHaveAttribute('data-availability', 'cached');
}

function modelRow(page: Page, id: string) {
  return page.locator(`[data-testid="model-row"][data-model="${id}"]`);
}

async function chooseInCaptionsTab(app: ShoeboxPage, page: Page, id: string): Promise<void> {
  await app.openTab('captions');
  await expect(page.getByTestId('captioner-select').locator(`option[value="${id}"]`)).toHaveCount(1);
  await page.getByTestId('captioner-select').selectOption(id);
  await expect(page.getByTestId('captioner-select')).toHaveValue(id);
}

async function chooseInModelsTab(app: ShoeboxPage, page: Page, id: string): Promise<void> {
  await app.openTab('models');
  await modelRow(page, id).getByTestId('model-use').click();
  await expect(modelRow(page, id).getByTestId('model-active')).toBeVisible();
}

/** Both tabs agree that `chosen` captions, and the other captioner is not in use. */
async function expectCaptioner(app: ShoeboxPage, page: Page, chosen: string): Promise<void> {
  const other = chosen === IMPORTED ? BUILT_IN : IMPORTED;
  await app.openTab('captions');
  await expect(page.getByTestId('captioner-select')).toHaveValue(chosen);
  await app.openTab('models');
  await expect(modelRow(page, chosen).getByTestId('model-active')).toBeVisible();
  await expect(modelRow(page, other)).toBeVisible();
  await expect(modelRow(page, other).getByTestId('model-active')).toHaveCount(0);
}

test.describe('the captioner choice has one owner', () => {
  test('chosen in the Captions tab, it is still chosen in both tabs after a reload', async ({ app, page }) => {
    await app.goto();
    await importCaptioner(app, page);
    await expectCaptioner(app, page, BUILT_IN); // importing alone changes nothing

    await chooseInCaptionsTab(app, page, IMPORTED);
    await expectCaptioner(app, page, IMPORTED);
    await page.reload();
    await expect(app.status).toBeVisible();
    await expectCaptioner(app, page, IMPORTED);
  });

  test('chosen in the Models tab after one was picked in the Captions tab, the Models tab choice sticks', async ({
    app,
    page,
  }) => {
    await app.goto();
    await importCaptioner(app, page);
    await chooseInCaptionsTab(app, page, IMPORTED);
    await page.reload();
    await expect(app.status).toBeVisible();
    await expectCaptioner(app, page, IMPORTED);

    // The bug this guards: a choice the Captions tab kept elsewhere reverted the Models tab's on the next load.
    await chooseInModelsTab(app, page, BUILT_IN);
    await expectCaptioner(app, page, BUILT_IN);
    await page.reload();
    await expect(app.status).toBeVisible();
    await expectCaptioner(app, page, BUILT_IN);

    await chooseInModelsTab(app, page, IMPORTED);
    await page.reload();
    await expect(app.status).toBeVisible();
    await expectCaptioner(app, page, IMPORTED);
  });
});
