import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';
import { ShoeboxPage } from '../pages/ShoeboxPage';

const A_COUNT = 60;
const B_COUNT = 6;

/** Folder A: red, green and blue photos. Folder B: yellow ones, so no photo of B is a duplicate of one of A. */
function folderA(): Record<string, ColorName> {
  const colors: ColorName[] = ['red', 'green', 'blue'];
  return Object.fromEntries(Array.from({ length: A_COUNT }, (_, i) => [`part-${i % 3}/a-${i}.png`, colors[i % 3]!]));
}

function folderB(): Record<string, ColorName> {
  return Object.fromEntries(Array.from({ length: B_COUNT }, (_, i) => [`b-${i}.png`, 'yellow' as const]));
}

interface StatusSample {
  t: number;
  state: string;
  photos: number;
  message: string;
}

/** Records every change of a tab's library status, with wall-clock times comparable across tabs. */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="library-status"]')!;
    const samples: StatusSample[] = [];
    (window as never as { __statusLog: StatusSample[] }).__statusLog = samples;
    const note = () =>
      samples.push({
        t: Date.now(),
        state: el.getAttribute('data-state') ?? '',
        photos: Number(el.getAttribute('data-photos')),
        message: el.querySelector('[data-testid="status-message"]')?.textContent ?? '',
      });
    note();
    new MutationObserver(note).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
  });
}

function statusLog(page: Page): Promise<StatusSample[]> {
  return page.evaluate(() => (window as never as { __statusLog: StatusSample[] }).__statusLog);
}

/** [start, end] of each stretch a tab spent indexing. */
function indexingSpans(samples: StatusSample[]): [number, number][] {
  const spans: [number, number][] = [];
  let start: number | null = null;
  for (const s of samples) {
    if (s.state === 'indexing' && start === null) start = s.t;
    if (s.state !== 'indexing' && start !== null) {
      spans.push([start, s.t]);
      start = null;
    }
  }
  if (start !== null) spans.push([start, Infinity]);
  return spans;
}

function hooks(page: Page) {
  return page.evaluate(async () => {
    const shoebox = (window as never as { __shoebox: Record<string, () => Promise<unknown>> }).__shoebox;
    return {
      consistency: (await shoebox.consistency!()) as { ok: boolean },
      stats: (await shoebox.engineStats!()) as { imagesEmbedded: number },
    };
  });
}

test('two tabs: one indexes at a time, each sees the other’s photos appear, the library stays whole', async ({
  app,
  context,
}) => {
  test.setTimeout(240_000);
  const tab1 = app;
  const tab2 = new ShoeboxPage(await context.newPage());
  await tab1.goto();
  await tab2.goto();
  await recordStatus(tab1.page);
  await recordStatus(tab2.page);

  // Tab 1 starts on folder A; once some of it is stored, it is paused, so tab 2's drop surely meets it indexing.
  await tab1.dropFolder(writePhotoFolder(folderA(), 'A'));
  await expect
    .poll(async () => Number(await tab1.status.getAttribute('data-photos')), { timeout: 60_000, intervals: [50] })
    .toBeGreaterThan(0);
  await tab1.page.getByTestId('pause').click();

  await tab2.dropFolder(writePhotoFolder(folderB(), 'B'));
  const waiting = tab2.page.getByTestId('status-message');
  await expect(waiting).toContainText('Another Shoebox tab is indexing');
  await expect(waiting).toContainText('"B"');
  // Tab 2 shows what tab 1 stored (BroadcastChannel), and does not start while tab 1 holds the lock.
  const photos = async (tab: ShoeboxPage) => Number(await tab.status.getAttribute('data-photos'));
  await expect.poll(async () => (await photos(tab2)) === (await photos(tab1)) && (await photos(tab2)) > 0).toBe(true);
  await tab2.page.waitForTimeout(1000);
  await expect(tab2.status).not.toHaveAttribute('data-state', 'indexing');
  expect((await hooks(tab2.page)).stats.imagesEmbedded).toBe(0);

  await tab1.page.getByTestId('resume').click();
  await tab1.waitForLibrary(A_COUNT + B_COUNT, 0, 120_000);
  await tab2.waitForLibrary(A_COUNT + B_COUNT, 0, 120_000);
  await expect(tab1.status).toHaveAttribute('data-photos', String(A_COUNT + B_COUNT));
  await expect(tab2.status).toHaveAttribute('data-photos', String(A_COUNT + B_COUNT));
  await expect(tab2.page.getByTestId('status-message')).toHaveCount(0);

  // The indexing runs never overlapped: tab 2 began only after tab 1 had finished.
  const [spans1, spans2] = [indexingSpans(await statusLog(tab1.page)), indexingSpans(await statusLog(tab2.page))];
  expect(spans1.length).toBeGreaterThan(0);
  expect(spans2.length).toBeGreaterThan(0);
  expect(spans2[0]![0]).toBeGreaterThanOrEqual(spans1.at(-1)![1]);
  // Tab 1 saw tab 2's photos arrive without reloading.
  const log1 = await statusLog(tab1.page);
  expect(log1.some((s) => s.photos > A_COUNT && s.t >= spans2[0]![0])).toBe(true);

  const [h1, h2] = [await hooks(tab1.page), await hooks(tab2.page)];
  expect(h1.consistency).toMatchObject({ ok: true });
  expect(h2.consistency).toMatchObject({ ok: true });
  // Each photo was embedded once, by the tab it was dropped in.
  expect(h1.stats.imagesEmbedded).toBe(A_COUNT);
  expect(h2.stats.imagesEmbedded).toBe(B_COUNT);

  // Both search the whole library.
  for (const tab of [tab1, tab2]) {
    await tab.searchFor('yellow');
    expect((await tab.names()).slice(0, B_COUNT).every((n) => n.startsWith('B/'))).toBe(true);
  }
});
