import { test, expect, MODEL_HUB } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder, type ColorName } from '../fixtures/photos';

/** `colors/<colour>/<colour>-<n>.png`, two photos a colour: a small class folder for the Evaluate view. */
function colorClasses(): Record<string, ColorName> {
  const classes: ColorName[] = ['red', 'green', 'blue'];
  return Object.fromEntries(classes.flatMap((c) => [1, 2].map((n) => [`${c}/${c}-${n}.png`, c])));
}

const HUB_HOSTS = /^(huggingface\.co|[\w-]+\.huggingface\.co|[\w-]+\.hf\.co)$/;

test.describe('privacy: nothing leaves the device', () => {
  test('a full demo session talks to no host but its own, pages, workers and service worker alike', async ({
    app,
    page,
    requests,
  }) => {
    test.setTimeout(240_000);

    await app.goto();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);

    await app.searchFor('red');
    expect((await app.names()).slice(0, 3).every((n) => n.includes('red'))).toBe(true);
    await app.search.fill('');

    const green = await page.locator('[data-testid="photo"][data-name="colors/green-1.png"]').getAttribute('data-id');
    await app.open('colors/green-1.png');
    await page.getByTestId('more-like-this').click();
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-query', `similar:${green}`);
    await expect(app.photos.first()).toHaveAttribute('data-name', /green/);
    await page.getByTestId('clear-similar').click();

    await app.open('colors/blue-1.png');
    await page.getByTestId('caption-generate').click();
    await expect(page.getByTestId('caption')).toHaveText('a blue picture');
    await page.getByTestId('close-detail').click();

    await app.applyLabelSet('red, green, blue');
    expect(await app.labelCounts()).toMatchObject({ red: 3, green: 3, blue: 3 });
    const csv = await app.download('export-csv');
    expect(csv.text.split(/\r?\n/)[0]).toBe('file,labels,scores,caption,caption_source,id');

    await app.openTab('storage');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-library').click()]);
    expect(zip.suggestedFilename()).toMatch(/^shoebox-library-.*\.zip$/);

    await app.openEvaluate();
    await app.pickEvalFolder(writePhotoFolder(colorClasses(), 'classes'));
    await app.runClassificationEval();
    expect(await app.evalFigure('eval-top1', 'fixture-color-clip')).toBe(1);

    // The recorder saw the workers' and the service worker's traffic, not only the page's.
    expect(requests.all.some((r) => r.fromServiceWorker && r.url.includes('/models/fixtures/'))).toBe(true);
    expect(requests.all.some((r) => r.url.includes('/ort/'))).toBe(true);
    expect(requests.foreign).toEqual([]);
  });
});

test.describe('privacy: only the hub, and only for model files', () => {
  test.use({ allowForeign: [MODEL_HUB] });

  test('with the hub unreachable: demo models with a clear message, and the hub only ever asked for model files', async ({
    app,
    page,
    context,
    requests,
  }) => {
    for (const pattern of ['https://huggingface.co/**', 'https://*.huggingface.co/**', 'https://*.hf.co/**']) {
      await context.route(pattern, (r) => r.abort('internetdisconnected'));
    }

    await app.goto('models=hub');
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);
    await expect(page.getByTestId('status-message')).toContainText("Couldn't load");
    await expect(page.getByTestId('status-message')).toContainText('Using the offline demo models');
    await app.searchFor('blue');
    expect((await app.names()).slice(0, 3).every((n) => n.includes('blue'))).toBe(true);

    const foreign = requests.all.filter((r) => r.foreign);
    expect(foreign.length).toBeGreaterThan(0); // the hub was tried
    for (const r of foreign) {
      const url = new URL(r.url);
      expect(url.hostname, r.url).toMatch(HUB_HOSTS);
      expect(r.method, r.url).toBe('GET');
      expect(r.postData, r.url).toBeNull();
      // Only a model repo's file: no query, nothing of the photos (names, folders) in the path.
      expect(url.search + url.hash, r.url).toBe('');
      expect(url.pathname, r.url).toMatch(/^\/[\w.-]+\/[\w.-]+\/resolve\/main\/[\w./-]+\.(json|onnx|txt)$/);
      expect(url.pathname, r.url).not.toMatch(/colors|red-|green-|blue-|\.png/);
    }
  });
});
