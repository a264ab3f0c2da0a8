import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import type { Page } from '@playwright/test';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';

const CLIP = 'fixture-color-clip';
const COLOR_CLIP_FOLDER = resolve('public/models/fixtures/color-clip');

/** The colour the map's canvas shows at a point (CSS pixels), as #rrggbb. */
function canvasColorAt(page: Page, x: number, y: number): Promise<string> {
  return page.getByTestId('eval-map').evaluate(
    (canvas: HTMLCanvasElement, [px, py]) => {
      const ratio = canvas.width / canvas.clientWidth;
      const pixel = canvas.getContext('2d')!.getImageData(Math.round(px! * ratio), Math.round(py! * ratio), 1, 1);
      return `#${[...pixel.data.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    },
    [x, y],
  );
}

/** Steps the keyboard focus to the map's next photo and reads what the tooltip says about it. */
async function nextMapPoint(page: Page) {
  await page.getByTestId('eval-map').press('ArrowRight');
  const tip = page.getByTestId('eval-map-tooltip');
  await expect(tip).toBeVisible();
  const read = async (name: string) => (await tip.getAttribute(name))!;
  return {
    file: await read('data-file'),
    className: await read('data-class'),
    color: await read('data-color'),
    x: Number(await read('data-x')),
    y: Number(await read('data-y')),
  };
}
const CLASSES = ['red', 'green', 'blue', 'yellow'] as const;

/** `colors/<colour>/<colour>-<n>.png`, three photos a colour. */
function colorClasses(): Record<string, ColorName> {
  return Object.fromEntries(CLASSES.flatMap((c) => [1, 2, 3].map((n) => [`${c}/${c}-${n}.png`, c])));
}

/** Writes a reference file next to (not inside) the folder, so it is chosen explicitly. */
function writeReferences(folder: string, name: string, text: string): string {
  const file = join(dirname(folder), name);
  writeFileSync(file, text);
  return file;
}

test.describe('Evaluate', () => {
  test('a colour folder evaluates to 100% top-1 with the fixture CLIP, exports CSV and PNG', async ({ app, page }) => {
    const folder = writePhotoFolder(colorClasses(), 'colors');
    await app.goto();
    await app.openEvaluate();
    await app.pickEvalFolder(folder);
    await expect(page.getByTestId('eval-dataset')).toHaveAttribute('data-classes', '4');
    await app.runClassificationEval();

    expect(await app.evalFigure('eval-top1', CLIP)).toBe(1);
    expect(await app.evalFigure('eval-top5', CLIP)).toBe(1);
    expect(await app.evalFigure('eval-macro-f1', CLIP)).toBe(1);
    expect(await app.evalFigure('eval-knn', CLIP)).toBe(1);
    expect(await app.confusion(CLIP)).toEqual(Object.fromEntries(CLASSES.map((c) => [`${c}->${c}`, 3])));
    await expect(page.locator('[data-testid="eval-prediction"]')).toHaveCount(12);

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('eval-export-csv').click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('task,model,file,truth,prediction,score,correct,rouge_l,meteor,cider_d,metric,value');
    expect(csv.filter((l) => l.startsWith(`classification,${CLIP},colors/`))).toHaveLength(12);
    expect(csv).toContain(`classification,${CLIP},,,,,,,,,top1,1`);

    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('eval-export-png').click();
    const png = readFileSync(await (await pngDownload).path());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(2000);
    writeFileSync(test.info().outputPath('confusion-export.png'), png);

    await expect(app.status).toHaveAttribute('data-photos', '0'); // evaluated, not imported
  });

  test('the linear probe and retrieval run on a seeded split, said on the report and in the CSV', async ({
    app,
    page,
  }) => {
    // Four classes of three photos, and one class of a single photo, too few to split.
    const layout = { ...colorClasses(), 'crimson/crimson-1.png': 'red' as const };
    await app.goto();
    await app.openEvaluate();
    await app.pickEvalFolder(writePhotoFolder(layout, 'colors'));
    await expect(page.getByTestId('eval-setup-too-few')).toHaveAttribute('data-classes', 'crimson');
    await expect(page.getByTestId('eval-validation-share')).toHaveValue('0.3');
    await expect(page.getByTestId('eval-split-seed')).toHaveValue('42');
    await page.getByTestId('eval-validation-share').fill('0.5');
    await page.getByTestId('eval-split-seed').fill('7');
    await app.runClassificationEval();

    // round(3 x 0.5) = 2 of each class held out, 1 trains; crimson in neither half
    const split = page.locator(`[data-testid="eval-split"][data-model="${CLIP}"]`);
    await expect(split).toHaveAttribute('data-seed', '7');
    await expect(split).toHaveAttribute('data-validation-share', '0.5');
    await expect(split).toHaveAttribute('data-train', '4');
    await expect(split).toHaveAttribute('data-validation', '8');
    await expect(split).toContainText('validation, n = 8, seed 7');
    await expect(split.getByTestId('eval-too-few')).toHaveAttribute('data-classes', 'crimson');
    await expect(page.getByTestId('eval-scope-zero-shot')).toContainText('all 13 photos');
    expect(await app.evalFigure('eval-probe-accuracy', CLIP)).toBe(1);
    expect(await app.evalFigure('eval-probe-macro-f1', CLIP)).toBe(1);
    expect(await app.evalFigure('eval-retrieval', CLIP)).toBe(1);
    await expect(split.getByTestId('eval-retrieval')).toHaveText('100.0%');
    await expect(split).toContainText('retrieval (k=8)');
    expect(await app.confusion(CLIP, 'probe-confusion')).toEqual(
      Object.fromEntries(CLASSES.map((c) => [`${c}->${c}`, 2])),
    );
    for (const c of CLASSES) {
      const row = page.locator(`[data-testid="eval-probe-class-row"][data-class="${c}"]`);
      await expect(row).toHaveAttribute('data-f1', '1.000000');
      await expect(row).toHaveAttribute('data-retrieval', '1.000000');
    }
    const crimson = page.locator('[data-testid="eval-probe-class-row"][data-class="crimson"]');
    await expect(crimson).toHaveText(/not evaluated: too few photos/);
    await expect(page.locator('[data-testid="probe-confusion-cell"][data-truth="crimson"]')).toHaveCount(0);

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('eval-export-csv').click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv).toContain(`split,${CLIP},,,,,,,,,seed,7`);
    expect(csv).toContain(`split,${CLIP},,,,,,,,,validation_share,0.5`);
    expect(csv).toContain(`split,${CLIP},,,,,,,,,too_few_photos:crimson,1`);
    expect(csv).toContain(`linear_probe,${CLIP},,,,,,,,,accuracy,1`);
    expect(csv).toContain(`retrieval,${CLIP},,,,,,,,,mean_k8,1`);
    expect(csv.some((l) => l.startsWith(`linear_probe,${CLIP},`) && l.includes(':crimson'))).toBe(false);
    expect(csv.filter((l) => l.startsWith(`linear_probe,${CLIP},colors/`))).toHaveLength(8);

    await page.setViewportSize({ width: 1440, height: 900 });
    await split.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('evaluate-probe-report.png') });
  });

  test('a blue photo filed under red shows up off the diagonal', async ({ app, page }) => {
    const layout = { ...colorClasses(), 'red/actually-blue.png': 'blue' as const };
    await app.goto();
    await app.openEvaluate();
    await app.dropOnEvaluate(writePhotoFolder(layout, 'colors'));
    await app.runClassificationEval();

    expect(await app.evalFigure('eval-top1', CLIP)).toBeCloseTo(12 / 13, 5);
    const confusion = await app.confusion(CLIP);
    expect(confusion['red->blue']).toBe(1);
    expect(confusion['red->red']).toBe(3);
    const row = page.locator('[data-testid="eval-photo-row"][data-file="colors/red/actually-blue.png"]');
    await expect(row.getByTestId('eval-prediction')).toHaveAttribute('data-predicted', 'blue');
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.getByTestId('eval-report').screenshot({ path: test.info().outputPath('evaluate-report.png') });
    await expect(app.status).toHaveAttribute('data-photos', '0'); // the drop did not import the set
  });

  test('stored vectors are reused: a folder already in the library embeds no photo again', async ({ app, page }) => {
    const folder = writePhotoFolder(colorClasses(), 'colors');
    await app.goto();
    await app.pickFolder(folder);
    await app.waitForLibrary(12);
    const before = await page.evaluate(() => (window as never as ShoeboxWindow).__shoebox.engineStats());
    await app.openEvaluate();
    await app.pickEvalFolder(folder);
    await app.runClassificationEval();
    const after = await page.evaluate(() => (window as never as ShoeboxWindow).__shoebox.engineStats());
    expect(after.imagesEmbedded).toBe(before.imagesEmbedded);
    expect(await app.evalFigure('eval-top1', CLIP)).toBe(1);
    await expect(page.getByTestId('eval-model-result')).toContainText('12 vectors reused, 0 computed');
  });

  test('references equal to the fixture captioner’s output give BLEU-4 = 1 and ROUGE-L = 1', async ({ app, page }) => {
    const folder = writePhotoFolder(colorClasses(), 'colors');
    const references = Object.fromEntries(CLASSES.map((c) => [`${c}-1.png`, [`a ${c} picture`]]));
    await app.goto();
    await app.openEvaluate();
    await app.pickEvalFolder(folder);
    await app.runCaptionEval(writeReferences(folder, 'references.json', JSON.stringify(references)));

    await expect(page.getByTestId('eval-caption-row')).toHaveCount(4);
    for (const c of CLASSES) {
      const row = page.locator(`[data-testid="eval-caption-row"][data-file="colors/${c}/${c}-1.png"]`);
      await expect(row).toHaveAttribute('data-generated', `a ${c} picture`);
    }
    const metrics = await app.captionMetrics();
    expect(metrics.bleu4).toBe(1);
    expect(metrics.bleu1).toBe(1);
    expect(metrics.rouge_l).toBe(1);
    expect(metrics.cider_d).toBeGreaterThan(1);
    expect(metrics.meteor).toBeGreaterThan(0.9);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.getByTestId('eval-report').screenshot({ path: test.info().outputPath('caption-report.png') });
  });

  test('unrelated references score 0 on BLEU, ROUGE-L and CIDEr-D', async ({ app }) => {
    const folder = writePhotoFolder(colorClasses(), 'colors');
    const csv = [
      'file,caption',
      'red/red-1.png,two dogs running on grass',
      'green/green-1.png,"cars parked, by night"',
      'blue/blue-1.png,people walking home',
      'yellow/yellow-1.png,an old man sleeping',
    ].join('\n');
    await app.goto();
    await app.openEvaluate();
    await app.pickEvalFolder(folder);
    await app.runCaptionEval(writeReferences(folder, 'references.csv', csv));

    const metrics = await app.captionMetrics();
    for (const id of ['bleu1', 'bleu2', 'bleu3', 'bleu4', 'rouge_l', 'cider_d']) expect(metrics[id], id).toBe(0);
  });
  test('the embedding map draws every photo in its class colour, shows each on focus, zooms and exports a PNG', async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await app.goto();
    await app.openEvaluate();
    await app.pickEvalFolder(writePhotoFolder(colorClasses(), 'colors'));
    await app.runClassificationEval();

    const map = page.getByTestId('eval-map');
    await expect(map).toHaveAttribute('data-points', '12');
    await expect(map).toHaveAttribute('data-classes', '4');
    const legend = page.getByTestId('eval-map-legend-item');
    await expect(legend).toHaveCount(4);
    const colorOf = new Map<string, string>();
    for (const item of await legend.all()) {
      expect(await item.getAttribute('data-count')).toBe('3');
      colorOf.set((await item.getAttribute('data-class'))!, (await item.getAttribute('data-color'))!);
    }
    expect(new Set(colorOf.values()).size).toBe(4);

    // Every photo, stepped through with the keyboard: its class is its folder, and the canvas shows its class's
    // colour where the tooltip says it is.
    const files = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const point = await nextMapPoint(page);
      files.add(point.file);
      expect(point.file).toMatch(new RegExp(`^colors/${point.className}/`));
      expect(point.color).toBe(colorOf.get(point.className));
      expect(await canvasColorAt(page, point.x, point.y)).toBe(point.color);
    }
    expect(files.size).toBe(12);
    await expect(page.getByTestId('eval-map-tooltip').locator('img')).toBeVisible(); // the photo itself
    await page.getByTestId('eval-map-section').screenshot({ path: test.info().outputPath('map-1440.png') });

    await map.press('+');
    await expect(map).toHaveAttribute('data-zoom', '1.250');
    await page.getByTestId('eval-map-reset').click();
    await expect(map).toHaveAttribute('data-zoom', '1.000');

    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('eval-map-export-png').click();
    const download = await pngDownload;
    expect(download.suggestedFilename()).toBe('shoebox-map-colors.png');
    const png = readFileSync(await download.path());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(5000);
    writeFileSync(test.info().outputPath('map-export.png'), png);

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('eval-export-csv').click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv.filter((l) => l.startsWith(`map,${CLIP},colors/`))).toHaveLength(24); // x and y per photo
    expect(csv).toContain(`map,${CLIP},,,,,,,,,seed,42`);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(async () => expect(Number(await map.evaluate((c) => c.clientWidth))).toBeLessThan(390)).toPass();
    const point = await nextMapPoint(page); // drawn at the new size: its class colour where it says
    expect(await canvasColorAt(page, point.x, point.y)).toBe(point.color);
    await page.getByTestId('eval-map-section').screenshot({ path: test.info().outputPath('map-390.png') });
  });

  test('with two models checked, the map morphs from one to the other, at once under reduced motion', async ({
    app,
    page,
  }) => {
    await app.goto();
    const second = await app.importModelFolder(COLOR_CLIP_FOLDER);
    await app.openEvaluate();
    await app.pickEvalFolder(writePhotoFolder(colorClasses(), 'colors'));
    for (const id of [CLIP, second]) await page.locator(`input[data-testid="eval-model"][value="${id}"]`).check();
    await app.runClassificationEval();
    await expect(page.getByTestId('eval-model-result')).toHaveCount(2);

    const map = page.getByTestId('eval-map');
    await expect(map).toHaveAttribute('data-points', '12');
    expect(new Set([await map.getAttribute('data-model'), await map.getAttribute('data-to')])).toEqual(
      new Set([CLIP, second]),
    );
    const before = await nextMapPoint(page);
    // Frames seen while it plays: the morph passes through in-between maps on its way to the other model's.
    const seen = map.evaluate(
      (canvas) =>
        new Promise<string[]>((done) => {
          const values: string[] = [];
          const sample = () => {
            values.push(canvas.dataset.t!);
            if (canvas.dataset.t === '1.00' && values.length > 1) done(values);
            else requestAnimationFrame(sample);
          };
          sample();
        }),
    );
    await page.getByTestId('eval-map-play').click();
    const frames = new Set(await seen);
    expect([...frames].filter((t) => t !== '0.00' && t !== '1.00').length).toBeGreaterThan(3);
    await expect(map).toHaveAttribute('data-playing', 'false');
    // The same weights give the same map; aligned, every photo stays where it was (its shortest way is 0).
    await map.focus();
    await map.press('ArrowLeft');
    const after = await nextMapPoint(page);
    expect(after.file).toBe(before.file);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(1);
    expect(await canvasColorAt(page, after.x, after.y)).toBe(after.color);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByTestId('eval-map-play').click();
    await expect(map).toHaveAttribute('data-t', '0.00');
    await expect(map).toHaveAttribute('data-playing', 'false');
  });

  test('the library evaluates by its folders from the stored vectors, embedding nothing', async ({ app, page }) => {
    // Four colour folders of three photos, and a blue photo filed under green.
    const layout = { ...colorClasses(), 'green/green-4.png': 'blue' as const };
    await app.goto();
    await app.pickFolder(writePhotoFolder(layout, 'colors'));
    await app.waitForLibrary(13);
    const before = await page.evaluate(() => (window as never as ShoeboxWindow).__shoebox.engineStats());
    await app.openEvaluate();
    await page.getByTestId('eval-use-library').click();
    const dataset = page.getByTestId('eval-dataset');
    await expect(dataset).toHaveAttribute('data-source', 'library');
    await expect(dataset).toHaveAttribute('data-classes', '4');
    await expect(dataset).toHaveAttribute('data-photos', '13');
    await app.runClassificationEval();
    const after = await page.evaluate(() => (window as never as ShoeboxWindow).__shoebox.engineStats());
    expect(after.imagesEmbedded).toBe(before.imagesEmbedded);
    expect(await app.evalFigure('eval-top1', CLIP)).toBeCloseTo(12 / 13, 5);
    expect(await app.confusion(CLIP)).toMatchObject({ 'green->blue': 1, 'green->green': 3 });
    await expect(page.getByTestId('eval-model-result')).toContainText('13 vectors reused, 0 computed');
    await expect(page.getByTestId('eval-map')).toHaveAttribute('data-points', '13');
    const point = await nextMapPoint(page);
    await expect(page.getByTestId('eval-map-tooltip').locator('img')).toBeVisible(); // the library's thumbnail
    expect(point.file).toMatch(/^colors\//);
    await page.screenshot({ path: test.info().outputPath('library-eval.png'), fullPage: true });
  });
});

interface ShoeboxWindow {
  __shoebox: { engineStats(): Promise<{ imagesEmbedded: number }> };
}
