import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

/** The demo CLIP's image encoder (q8 on WASM): the biggest file the model loads, the one a network drop would cut. */
const VISION = '/models/fixtures/color-clip/onnx/vision_model_quantized.onnx';
const VISION_BYTES = readFileSync(`public${VISION}`);

/**
 * Every request for the vision model that reached the network (the service worker's fetches, and the page's when no
 * service worker answers): a passthrough route sees exactly those. `serve` decides each one's fate.
 */
async function watchVisionModel(
  context: BrowserContext,
  serve: (n: number) => 'network' | 'drop' | 'half' = () => 'network',
): Promise<string[]> {
  const hits: string[] = [];
  await context.route(`**${VISION}`, async (route) => {
    const fate = serve(hits.length);
    hits.push(fate);
    if (fate === 'drop') await route.abort('connectionreset');
    // A connection that dropped half-way, yet what arrived looks like a whole file (and gets cached).
    else if (fate === 'half')
      await route.fulfill({ status: 200, body: VISION_BYTES.subarray(0, VISION_BYTES.length >> 1) });
    else await route.continue();
  });
  return hits;
}

/** Cache API entries (any cache of the origin) for the vision model. */
function cachedVisionModel(page: Page): Promise<{ cache: string; bytes: number }[]> {
  return page.evaluate(async (path) => {
    const found: { cache: string; bytes: number }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (new URL(request.url).pathname !== path) continue;
        const response = await cache.match(request);
        found.push({ cache: name, bytes: (await response!.arrayBuffer()).byteLength });
      }
    }
    return found;
  }, VISION);
}

async function consistency(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as never as { __shoebox: { consistency(): unknown } }).__shoebox.consistency());
}

test.describe('model faults', () => {
  test('a model download that fails half-way says so, and the next attempt loads it cleanly', async ({
    app,
    page,
    context,
  }) => {
    let online = false;
    const hits = await watchVisionModel(context, () => (online ? 'network' : 'drop'));
    const folder = writePhotoFolder(colorLibrary(), 'colors');
    await app.goto();
    await app.dropFolder(folder);

    await expect(app.status).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('status-message')).toContainText("Couldn't load Demo colour CLIP");
    await expect(page.getByTestId('status-message')).toContainText('drop the folder again');
    expect(hits.length).toBeGreaterThan(0);
    expect(await cachedVisionModel(page)).toEqual([]); // nothing broken was kept

    // The connection is back; the user drops the folder again, as the message says.
    online = true;
    await app.dropFolder(folder);
    await app.waitForLibrary(9, 0);
    await expect(page.getByTestId('status-message')).toHaveCount(0);
    await app.searchFor('red');
    expect((await app.names()).slice(0, 3).every((n) => n.includes('red'))).toBe(true);
    expect(await consistency(page)).toMatchObject({ ok: true });
  });

  test('a download cut short but cached whole is detected, deleted and fetched again', async ({
    app,
    page,
    context,
  }) => {
    // Every download of the file is cut short until the engine says it found it damaged (and deleted it).
    let detected = false;
    page.on('console', (m) => {
      if (/Demo colour CLIP is damaged/.test(m.text())) detected = true;
    });
    const hits = await watchVisionModel(context, () => (detected ? 'network' : 'half'));
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);
    await expect(page.getByTestId('status-message')).toHaveCount(0);
    expect(detected).toBe(true);
    // Once, or twice on a slow machine where two first uses of the model both reach the repair.
    const refetched = hits.filter((h) => h === 'network').length;
    expect(refetched).toBeGreaterThanOrEqual(1);
    expect(refetched).toBeLessThanOrEqual(2);
    for (const entry of await cachedVisionModel(page)) expect(entry.bytes).toBe(VISION_BYTES.length);
  });

  test('a corrupt cached model file is deleted and fetched again once, not failing at every start', async ({
    app,
    page,
    context,
  }) => {
    await app.goto();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);
    await app.searchFor('green');
    const before = await app.names();

    // Damage the cached copies (transformers.js' cache and the service worker's) as a bad disk would.
    const cached = await cachedVisionModel(page);
    expect(cached.map((c) => c.cache).sort()).toEqual(['shoebox-demo-models', 'transformers-cache']);
    await page.evaluate(async (path) => {
      const garbage = new Uint8Array(50_000).map((_, i) => (i * 7919) % 251);
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (new URL(request.url).pathname !== path) continue;
          const old = (await cache.match(request))!;
          await cache.put(request, new Response(garbage, { headers: old.headers }));
        }
      }
    }, VISION);
    expect((await cachedVisionModel(page)).map((c) => c.bytes)).toEqual([50_000, 50_000]);

    const hits = await watchVisionModel(context);
    await page.reload();
    await app.waitForLibrary(9, 0);
    await app.searchFor('green'); // the text tower is all a search needs
    expect(await app.names()).toEqual(before);
    await expect(page.getByTestId('status-message')).toHaveCount(0);
    expect(hits).toEqual([]); // the damaged image encoder was not even read

    // The next import needs it: the damage is found, the file deleted and fetched again, and the import works.
    const more = { 'more/red-4.png': 'red', 'more/green-4.png': 'green', 'more/blue-4.png': 'blue' } as const;
    await app.dropFolder(writePhotoFolder({ ...colorLibrary(), ...more }, 'more'));
    await app.waitForLibrary(12, 0);
    await expect(page.getByTestId('status-message')).toHaveCount(0);
    // Fetched again from the network (twice at most: on a slow machine two first uses can both reach the repair
    // before the first refetch lands in the cache).
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits.every((h) => h === 'network')).toBe(true);
    for (const entry of await cachedVisionModel(page)) expect(entry.bytes).toBe(VISION_BYTES.length);
    const repairedWith = hits.length;

    // Repaired for good: the next start and import load it from the cache without fetching anything.
    await page.reload();
    await app.waitForLibrary(12, 0);
    await app.dropFolder(writePhotoFolder({ ...colorLibrary(), ...more, 'again/red-5.png': 'red' }, 'again'));
    await app.waitForLibrary(13, 0);
    expect(hits).toHaveLength(repairedWith);
  });
});
