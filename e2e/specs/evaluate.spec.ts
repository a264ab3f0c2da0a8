import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';

const CLIP = 'fixture-color-clip';
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
});

interface ShoeboxWindow {
  __shoebox: { engineStats(): Promise<{ imagesEmbedded: number }> };
}
