import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder, type ColorName } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/** `count` photos cycling through four colours, each named for its colour: `p-7-yellow.png`. */
function library(count: number, extra: Record<string, ColorName> = {}): Record<string, ColorName> {
  const colors: ColorName[] = ['red', 'green', 'blue', 'yellow'];
  const photos = Array.from({ length: count }, (_, i) => [`p-${i}-${colors[i % 4]!}.png`, colors[i % 4]!] as const);
  return { ...Object.fromEntries(photos), ...extra };
}

function hooks(app: ShoeboxPage) {
  type Hooks = Record<string, (...args: unknown[]) => unknown>;
  return {
    call: (name: string, ...args: unknown[]) =>
      app.page.evaluate(([n, a]) => (window as never as { __shoebox: Hooks }).__shoebox[n as string]!(...(a as [])), [
        name,
        args,
      ] as const),
  };
}

test.describe('the model worker crashes', () => {
  test.setTimeout(180_000);

  test('mid-import: the engine restarts, the batch is retried, nothing is lost', async ({ app }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(library(40), 'crashy'));
    await expect
      .poll(async () => Number(await app.status.getAttribute('data-indexed')), { timeout: 60_000, intervals: [50] })
      .toBeGreaterThan(4);
    // Killed in the same task that reads the status, so what it says is what the kill interrupted.
    const atKill = await app.page.evaluate(() => {
      const status = document.querySelector('[data-testid="library-status"]')!;
      void (window as never as { __shoebox: { killEngine(): unknown } }).__shoebox.killEngine();
      return { state: status.getAttribute('data-state'), indexed: Number(status.getAttribute('data-indexed')) };
    });
    expect(atKill.state).toBe('indexing');
    expect(atKill.indexed).toBeLessThan(40); // photos were still left to index
    await app.waitForLibrary(40, 0);
    expect(await hooks(app).call('engineRestarts')).toBeGreaterThanOrEqual(1);
    expect(await hooks(app).call('consistency')).toMatchObject({ ok: true });
    // The restarted engine embeds as before: "yellow" finds exactly the 10 yellow photos.
    await app.searchFor('yellow');
    await expect(app.photos).toHaveCount(10);
    const names = await app.names();
    expect(names).toHaveLength(10);
    expect(names.filter((n) => !n.endsWith('-yellow.png'))).toEqual([]);
  });

  test('a photo that crashes it twice is reported and the rest are indexed', async ({ app }) => {
    await app.goto();
    await hooks(app).call('crashOn', 'poison.png');
    await app.dropFolder(writePhotoFolder(library(11, { 'poison.png': 'red' }), 'tainted'));
    await expect(app.status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    const reasons = await app.problemReasons();
    expect(reasons).toEqual({ 'tainted/poison.png': expect.stringMatching(/crashed/) });
    await app.waitForLibrary(11, 1);
    expect(reasons['tainted/poison.png']).toMatch(/crashed/);
    expect(await hooks(app).call('consistency')).toMatchObject({ ok: true });
  });
});
