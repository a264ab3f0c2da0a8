import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { COLORS, colorLibrary, writePhotoFolder, type ColorName } from '../fixtures/photos';
import { encodePng } from '../fixtures/png';

const BIG = 80;
const QUOTA = 1_500_000;

/** Photos of grainy colour: their thumbnails do not compress to nothing, so ~30 KB each reach the quota soon. */
function grainyFolder(count: number): string {
  const root = join(mkdtempSync(join(tmpdir(), 'shoebox-')), 'big');
  mkdirSync(root);
  const names: ColorName[] = ['red', 'green', 'blue', 'yellow'];
  for (let i = 0; i < count; i++) {
    const [r, g, b] = COLORS[names[i % 4]!];
    let state = (i + 1) * 2654435761;
    const grain = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return ((state >>> 0) % 81) - 40;
    };
    const clamp = (v: number) => Math.max(0, Math.min(255, v));
    const png = encodePng(320, 240, () => [clamp(r + grain()), clamp(g + grain()), clamp(b + grain())]);
    writeFileSync(join(root, `p-${i}.png`), png);
  }
  return root;
}

async function consistency(page: Page): Promise<{ ok: boolean; photosWithoutThumbnail: string[] }> {
  return page.evaluate(() =>
    (window as never as { __shoebox: { consistency(): Promise<never> } }).__shoebox.consistency(),
  );
}

// The service worker's precache (60 MB of app and ONNX Runtime) would not fit the small quota: without it, the
// quota is the library's alone.
test.use({ serviceWorkers: 'block' });

test('a full disk stops indexing cleanly: a clear message, nothing half-written, what was stored searchable', async ({
  app,
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });

  await app.goto();
  await app.dropFolder(writePhotoFolder(colorLibrary(), 'first'));
  await app.waitForLibrary(9, 0);

  const big = grainyFolder(BIG);
  await app.dropFolder(big);
  const message = page.getByTestId('status-message');
  await expect(message).toContainText('Browser storage is full', { timeout: 90_000 });
  await expect(message).toContainText('everything already stored is safe');
  // Stopped, not hanging: the library is idle and every photo stored is whole and searchable.
  await expect(app.status).toHaveAttribute('data-state', 'ready');
  const photos = Number(await app.status.getAttribute('data-photos'));
  expect(photos).toBeGreaterThan(9);
  expect(photos).toBeLessThan(9 + BIG);
  await expect(app.status).toHaveAttribute('data-indexed', String(photos));
  expect(await consistency(page)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
  await expect(page.getByTestId('interrupted-import')).toHaveAttribute('data-left', String(9 + BIG - photos));

  await app.searchFor('yellow');
  const yellow = (await app.names()).filter((n) => /^big\/p-\d+\.png$/.test(n) && Number(/\d+/.exec(n)![0]) % 4 === 3);
  expect(yellow.length).toBeGreaterThan(0);
  expect((await app.names())[0]).toBe(yellow[0]);

  // Space freed: dropping the folder again finishes the import, nothing twice.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 200_000_000 });
  await app.dropFolder(big);
  await app.waitForLibrary(9 + BIG, 0);
  await expect(page.getByTestId('interrupted-import')).toHaveCount(0);
  expect(await consistency(page)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
});
