import { expect, type Locator, type Page } from '@playwright/test';

/** The app as a test sees it: the hooks of e2e/CONTRACT.md, nothing else. */
export class ShoeboxPage {
  readonly status: Locator;
  readonly search: Locator;
  readonly photos: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('library-status');
    this.search = page.getByTestId('search');
    this.photos = page.getByTestId('photo');
    this.problems = page.getByTestId('import-problem');
  }

  async goto(query = 'models=demo'): Promise<void> {
    await this.page.goto(`/?${query}`);
    await expect(this.status).toBeVisible();
  }

  /** A real folder drop: CDP drag events carrying the folder, as a person dragging it from their file manager. */
  async dropFolder(...paths: string[]): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 300, data });
    }
    await cdp.detach();
  }

  /** The webkitdirectory fallback input. */
  async pickFolder(path: string): Promise<void> {
    await this.page.getByTestId('folder-input').setInputFiles(path);
  }

  /** Waits until the library is idle with `indexed` searchable photos (and, when given, `failed` reported files). */
  async waitForLibrary(indexed: number, failed?: number, timeout = 90_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', 'ready', { timeout });
    await expect(this.status).toHaveAttribute('data-indexed', String(indexed), { timeout });
    if (failed !== undefined) await expect(this.status).toHaveAttribute('data-failed', String(failed));
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.photos.first()).toHaveAttribute('data-score', /.+/);
  }

  async setMinScore(value: number): Promise<void> {
    await this.page.getByTestId('min-score').fill(value.toFixed(2));
  }

  /** Names of the tiles in display order (only the rendered ones: the grid is virtualized). */
  async names(): Promise<string[]> {
    return this.photos.evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-name') ?? ''));
  }

  async scores(): Promise<number[]> {
    return this.photos.evaluateAll((tiles) => tiles.map((t) => Number(t.getAttribute('data-score'))));
  }

  async problemReasons(): Promise<Record<string, string>> {
    const rows = await this.problems.evaluateAll((items) =>
      items.map((i) => [i.getAttribute('data-name') ?? '', i.getAttribute('data-reason') ?? '']),
    );
    return Object.fromEntries(rows);
  }

  /** Switches to a header tab: `photos` or a feature view's id (`models`, `storage`, ...). */
  async openTab(id: string): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
  }

  /** Imports a Hugging Face model folder from the Models tab and makes it the model in use; returns its id. */
  async importModelFolder(path: string): Promise<string> {
    await this.openTab('models');
    await this.page.getByTestId('model-folder-input').setInputFiles(path);
    await expect(this.page.getByTestId('models-message')).toHaveAttribute('data-error', 'false');
    const row = this.page.locator('[data-testid="model-row"][data-source="imported"]').last();
    const id = (await row.getAttribute('data-model'))!;
    await row.getByTestId('model-use').click();
    await expect(row.getByTestId('model-active')).toBeVisible();
    return id;
  }

  async open(name: string): Promise<void> {
    await this.page.locator(`[data-testid="photo"][data-name="${name}"]`).click();
    await expect(this.page.getByTestId('photo-detail')).toBeVisible();
  }
}
