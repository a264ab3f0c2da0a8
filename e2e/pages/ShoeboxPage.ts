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

  /** Types a query and waits until the grid shows the results ranked for it (not the previous query's). */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.page.getByTestId('result-count')).toHaveAttribute('data-query', text);
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

  // --- Evaluate view (see e2e/CONTRACT.md, "Evaluate") ---

  async openEvaluate(): Promise<void> {
    await this.page.getByTestId('tab-evaluate').click();
    await expect(this.page.getByTestId('evaluate-view')).toBeVisible();
  }

  /** Picks the evaluation folder (class subfolders) through the view's webkitdirectory input. */
  async pickEvalFolder(path: string): Promise<void> {
    await this.page.getByTestId('eval-folder-input').setInputFiles(path);
    await expect(this.page.getByTestId('eval-dataset')).toBeVisible();
  }

  /** Drops a folder on the Evaluate view's drop target (not the page: that would import it). */
  async dropOnEvaluate(path: string): Promise<void> {
    const box = (await this.page.getByTestId('eval-dropzone').boundingBox())!;
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: [path], dragOperationsMask: 1 };
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    }
    await cdp.detach();
    await expect(this.page.getByTestId('eval-dataset')).toBeVisible();
  }

  async runClassificationEval(): Promise<void> {
    await this.page.getByTestId('eval-run-classification').click();
    await expect(this.page.getByTestId('eval-model-result').first()).toBeVisible({ timeout: 90_000 });
    await expect(this.page.getByTestId('eval-progress')).toHaveCount(0, { timeout: 90_000 });
  }

  async runCaptionEval(referencesFile: string): Promise<void> {
    await this.page.getByTestId('eval-references-input').setInputFiles(referencesFile);
    await this.page.getByTestId('eval-run-captions').click();
    await expect(this.page.getByTestId('eval-caption-result')).toBeVisible({ timeout: 90_000 });
  }

  /** A classification figure (`eval-top1`, `eval-top5`, `eval-macro-f1`, `eval-knn`) of one model, 0..1. */
  async evalFigure(testId: string, modelId: string): Promise<number> {
    const value = await this.page
      .locator(`[data-testid="${testId}"][data-model="${modelId}"]`)
      .getAttribute('data-value');
    return Number(value);
  }

  /** Non-empty confusion cells of one model as "truth->predicted": count (zero-shot, or the linear probe's). */
  async confusion(
    modelId: string,
    matrix: 'confusion' | 'probe-confusion' = 'confusion',
  ): Promise<Record<string, number>> {
    const cells = await this.page
      .locator(`[data-testid="${matrix}-cell"][data-model="${modelId}"]`)
      .evaluateAll((els) =>
        els.map(
          (e) =>
            [
              `${e.getAttribute('data-truth')}->${e.getAttribute('data-predicted')}`,
              Number(e.getAttribute('data-count')),
            ] as const,
        ),
      );
    return Object.fromEntries(cells.filter(([, count]) => count > 0));
  }

  /** Caption metrics by id (`bleu1`..`bleu4`, `rouge_l`, `meteor`, `cider_d`). */
  async captionMetrics(): Promise<Record<string, number>> {
    const pairs = await this.page
      .getByTestId('caption-metric')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-metric') ?? '', Number(e.getAttribute('data-value'))] as const),
      );
    return Object.fromEntries(pairs);
  }

  // --- Labels and captions (see e2e/CONTRACT.md, "Labels and captions") ---

  /**
   * Writes labels in the Labels tab's editor (the active set, or a new one with `asNew`) and applies them;
   * resolves when the library is labelled with them.
   */
  async applyLabelSet(
    labels: string,
    options: { templates?: string; mode?: 'single' | 'multi'; asNew?: boolean } = {},
  ): Promise<void> {
    await this.openTab('labels');
    if (options.asNew) await this.page.getByTestId('label-set-select').selectOption({ label: 'New label set…' });
    await this.page.getByTestId('label-set-input').fill(labels);
    if (options.templates !== undefined) await this.page.getByTestId('label-templates').fill(options.templates);
    if (options.mode) await this.page.getByTestId(`label-mode-${options.mode}`).check();
    await this.page.getByTestId('label-apply').click();
    const count = labels.split(',').filter((l) => l.trim()).length;
    await expect(this.page.getByTestId('label-count')).toHaveCount(count + 1); // + "none of these"
    await expect(this.page.getByTestId('label-status')).toHaveAttribute('data-busy', 'false');
  }

  /** Photos per label in the Labels tab ('' is "none of these"). */
  async labelCounts(): Promise<Record<string, number>> {
    const pairs = await this.page
      .getByTestId('label-count')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-label') ?? '', Number(e.getAttribute('data-count'))]));
    return Object.fromEntries(pairs);
  }

  /** Label chips of every rendered tile, by the tile's name. */
  async tileLabels(): Promise<Record<string, string[]>> {
    const rows = await this.photos.evaluateAll((tiles) =>
      tiles.map((t) => [
        t.getAttribute('data-name') ?? '',
        [...t.querySelectorAll('[data-testid="label-chip"]')].map((c) => c.getAttribute('data-label') ?? ''),
      ]),
    );
    return Object.fromEntries(rows);
  }

  /** Shows only photos with `label` in the gallery ('' for "none of these", null for all photos). */
  async filterByLabel(label: string | null): Promise<void> {
    await this.openTab('photos');
    const filter = this.page.getByTestId('label-filter');
    if (label === null) await filter.selectOption({ label: 'All photos' });
    else await filter.selectOption(label);
  }

  /** Turns on "caption the whole library" and waits until every photo has a caption. */
  async captionAll(timeout = 90_000): Promise<void> {
    await this.openTab('captions');
    // The switch is controlled by app state that updates a moment after the click, so click and then wait.
    const toggle = this.page.getByTestId('caption-all');
    if (!(await toggle.isChecked())) await toggle.click();
    await expect(toggle).toBeChecked();
    const count = this.page.getByTestId('caption-count');
    await expect(count).not.toHaveAttribute('data-photos', '0');
    const photos = (await count.getAttribute('data-photos'))!;
    await expect(count).toHaveAttribute('data-captioned', photos, { timeout });
  }

  /** Writes the opened photo's caption as the user. */
  async editCaption(text: string): Promise<void> {
    await this.page.getByTestId('caption-edit-start').click();
    await this.page.getByTestId('caption-edit').fill(text);
    await this.page.getByTestId('caption-save').click();
    await expect(this.page.getByTestId('caption')).toHaveText(text);
  }

  /** Clicks a download link (`export-csv`, `export-json`) and returns the file's text. */
  async download(testId: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** The engine's work counters (`window.__shoebox.engineStats()`). */
  async engineStats(): Promise<{
    imagesEmbedded: number;
    textsEmbedded: number;
    captions: number;
    modelLoads: number;
  }> {
    return this.page.evaluate(() =>
      (window as never as { __shoebox: { engineStats(): Promise<Record<string, number>> } }).__shoebox.engineStats(),
    ) as never;
  }
}
