import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { test, expect, type RequestLog } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';
import { ShoeboxPage } from '../pages/ShoeboxPage';
import { serveBuild } from '../fixtures/serveBuild';

const COLOR_CLIP = resolve('public/models/fixtures/color-clip');

/**
 * A real browser profile on disk, so the service worker, caches and IndexedDB survive a browser restart. Its
 * requests go to the test's log, which fails the test on any foreign one.
 */
async function launch(
  requests: RequestLog,
  userDataDir: string,
  baseURL = test.info().project.use.baseURL!,
): Promise<{ context: BrowserContext; page: Page; failed: string[] }> {
  const { launchOptions } = test.info().project.use;
  const context = await chromium.launchPersistentContext(userDataDir, { ...launchOptions, baseURL });
  requests.watch(context, new URL(baseURL).origin);
  const failed: string[] = [];
  context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  context.on('weberror', (e) => console.error('[pageerror]', e.error().message));
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, failed };
}

async function swReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

test.describe('installable and offline', () => {
  test('after one visit, an imported model searches offline after a browser restart, with zero failed requests', async ({
    requests,
  }) => {
    test.setTimeout(240_000);
    const profile = mkdtempSync(join(tmpdir(), 'shoebox-profile-'));
    const photos = writePhotoFolder(colorLibrary(), 'colors');

    const first = await launch(requests, profile);
    const app = new ShoeboxPage(first.page);
    await app.goto('');
    await swReady(first.page);
    await app.importModelFolder(COLOR_CLIP);
    await app.openTab('photos');
    await app.pickFolder(photos);
    await app.waitForLibrary(9, 0);
    await app.searchFor('red');
    const online = await app.names();
    await first.context.setOffline(true);
    await first.context.close();

    const second = await launch(requests, profile);
    await second.context.setOffline(true);
    const offline = new ShoeboxPage(second.page);
    await offline.goto('');
    await offline.waitForLibrary(9, 0);
    expect(await second.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await second.page.evaluate(() => crossOriginIsolated)).toBe(true);
    await offline.searchFor('red');
    expect(await offline.names()).toEqual(online);
    expect((await offline.names()).every((n) => n.includes('red'))).toBe(true);
    // The engine worker is isolated too, so onnxruntime-web runs its WASM on several threads.
    const caps = await second.page.evaluate(() =>
      (
        window as never as { __shoebox: { engineCapabilities(): Promise<{ crossOriginIsolated: boolean }> } }
      ).__shoebox.engineCapabilities(),
    );
    expect(caps.crossOriginIsolated).toBe(true);
    expect(second.failed).toEqual([]);
    await second.context.close();
  });

  test('Chromium finds no installability errors', async ({ requests }) => {
    // A persistent profile: Chromium never offers to install from an incognito (default Playwright) context.
    const { context, page } = await launch(requests, mkdtempSync(join(tmpdir(), 'shoebox-profile-')));
    await page.goto('/');
    await swReady(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ display: 'standalone', theme_color: '#1d2a35', start_url: '/' });
    await context.close();
  });

  test('the shell and ONNX Runtime are precached; model files and the HEIC decoder are not', async ({ page }) => {
    await page.goto('/');
    await swReady(page);
    const urls = await page.evaluate(async () => {
      const names = await caches.keys();
      const precache = names.find((n) => n.includes('precache'));
      const keys = precache ? await (await caches.open(precache)).keys() : [];
      return keys.map((r) => new URL(r.url).pathname);
    });
    expect(urls).toContain('/index.html');
    expect(urls.some((u) => u.startsWith('/ort/') && u.includes('.wasm'))).toBe(true);
    expect(
      urls.filter((u) => u.startsWith('/models/') || u.includes('heic-to') || u.startsWith('/assets/ort-')),
    ).toEqual([]);
  });

  test('a new version shows "update available" and reloads into it only when asked', async ({ requests }) => {
    // Its own server over the same build, so the test can "deploy" a changed service worker mid-session.
    const build = await serveBuild(resolve(process.env.SHOEBOX_DIST ?? 'dist'));
    const { context, page } = await launch(requests, mkdtempSync(join(tmpdir(), 'shoebox-profile-')), build.url);
    const app = new ShoeboxPage(page);
    await app.goto();
    await swReady(page);
    build.nextVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByTestId('update-available');
    await expect(prompt).toBeVisible();
    await expect(page.getByTestId('update-reload')).toBeEnabled();
    const navigated = page.waitForEvent('framenavigated');
    await page.getByTestId('update-reload').click();
    await navigated;
    await expect(app.status).toBeVisible();
    await expect(prompt).toHaveCount(0);
    await context.close();
    await build.close();
  });
});
