import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';
import type { ShoeboxPage } from '../pages/ShoeboxPage';

/** The tiles' paths in the gallery's order (data-index), every tile rendered (a small library). */
async function gridOrder(app: ShoeboxPage): Promise<string[]> {
  const rows = await app.photos.evaluateAll((tiles) =>
    tiles.map((t) => [Number(t.getAttribute('data-index')), t.getAttribute('data-name') ?? ''] as const),
  );
  return rows.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

type Hooks = Record<string, () => unknown>;
const baseName = (path: string) => path.split('/').at(-1)!;
const tileAt = (app: ShoeboxPage, index: number) => app.page.locator(`[data-testid="photo"][data-index="${index}"]`);

/** Whether the focused element is inside the viewer. */
const focusInViewer = (app: ShoeboxPage) =>
  app.page.evaluate(() => !!document.activeElement?.closest('[data-testid="photo-detail"]'));

test.describe('the photo viewer', () => {
  test('modal: focus inside and trapped, arrows walk the grid order, Escape gives focus back to the tile', async ({
    app,
  }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'walk'));
    await app.waitForLibrary(9, 0);
    const order = await gridOrder(app);
    expect(order).toHaveLength(9);

    await tileAt(app, 1).click();
    const viewer = app.page.getByTestId('photo-detail');
    const name = app.page.getByTestId('detail-name');
    await expect(viewer).toHaveAttribute('role', 'dialog');
    await expect(viewer).toHaveAttribute('aria-modal', 'true');
    await expect(name).toHaveText(baseName(order[1]!));
    await expect(app.page.getByTestId('viewer-position')).toHaveText('2 of 9');
    expect(await focusInViewer(app)).toBe(true);
    // The page behind is inert: not reachable by Tab, click or a screen reader.
    await expect(app.page.locator('#root')).toHaveAttribute('inert', '');

    for (let i = 0; i < 25; i++) {
      await app.page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect(await focusInViewer(app), `after Tab ${i + 1}`).toBe(true);
    }

    await viewer.focus();
    await app.page.keyboard.press('ArrowRight');
    await expect(name).toHaveText(baseName(order[2]!));
    await app.page.keyboard.press('ArrowRight');
    await expect(name).toHaveText(baseName(order[3]!));
    for (const i of [2, 1, 0, 0]) {
      await app.page.keyboard.press('ArrowLeft');
      await expect(name).toHaveText(baseName(order[i]!)); // the first photo: no further back
    }
    await app.page.getByTestId('viewer-next').click();
    await expect(name).toHaveText(baseName(order[1]!));
    await expect(app.page.getByTestId('viewer-previous')).toBeEnabled();

    await app.page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await expect(tileAt(app, 1)).toBeFocused();
    await expect(app.page.locator('#root')).not.toHaveAttribute('inert', '');

    // Enter on the focused tile opens it again; closing from the last photo focuses that photo's tile.
    await app.page.keyboard.press('Enter');
    await expect(name).toHaveText(baseName(order[1]!));
    await app.page.getByTestId('viewer-next').click();
    await app.page.getByTestId('close-detail').click();
    await expect(tileAt(app, 2)).toBeFocused();
  });

  test('zoom on the original, download it as it is on disk, a slideshow', async ({ app }) => {
    await app.goto();
    const folder = writePhotoFolder(colorLibrary(), 'zoom');
    await app.dropFolder(folder);
    await app.waitForLibrary(9, 0);
    const order = await gridOrder(app);

    await tileAt(app, 0).click();
    const image = app.page.getByTestId('detail-image');
    await expect(image).toHaveAttribute('data-original', 'true');
    await expect(app.page.getByTestId('original-note')).toHaveCount(0);
    const transform = () => image.evaluate((img) => getComputedStyle(img).transform);
    expect(await transform()).toBe('none');

    await app.page.getByTestId('zoom-in').click();
    await expect(image).toHaveAttribute('data-zoom', '1.50');
    await expect.poll(transform).toMatch(/^matrix\(1\.5, 0, 0, 1\.5,/u);
    await app.page.keyboard.press('0');
    await expect(image).toHaveAttribute('data-zoom', '1.00');

    // The wheel zooms about the cursor; a double-click goes back to fitted.
    const box = (await image.boundingBox())!;
    await app.page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await app.page.mouse.wheel(0, -300);
    await expect.poll(async () => Number(await image.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
    const zoomed = await transform();
    expect(zoomed).not.toBe('none');
    const [, , , , , tx] = /matrix\(([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+),/u.exec(zoomed)!.map(Number);
    expect(tx).toBeLessThan(0); // zoomed about a point right of the centre: the picture moved left under it
    await app.page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect(image).toHaveAttribute('data-zoom', '1.00');

    // Two fingers moving apart zoom in (the browser's own touch events, as a pinch makes them).
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const fingers = (type: 'touchStart' | 'touchMove' | 'touchEnd', apart: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: cx - apart, y: cy, id: 1 },
                { x: cx + apart, y: cy, id: 2 },
              ],
      });
    await fingers('touchStart', 40);
    for (const apart of [60, 80, 100, 120]) await fingers('touchMove', apart);
    await fingers('touchEnd', 120);
    await expect.poll(async () => Number(await image.getAttribute('data-zoom'))).toBeGreaterThan(2);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
    await app.page.keyboard.press('0');
    await expect(image).toHaveAttribute('data-zoom', '1.00');

    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('download-original').click(),
    ]);
    expect(download.suggestedFilename()).toBe(baseName(order[0]!));
    const saved = readFileSync((await download.path())!);
    const onDisk = readFileSync(join(folder, order[0]!.split('/').slice(1).join('/')));
    expect(saved.equals(onDisk)).toBe(true);

    // A slideshow stops on any key, and by itself at the last photo.
    const slideshow = app.page.getByTestId('slideshow');
    await slideshow.click();
    await expect(slideshow).toHaveAttribute('aria-pressed', 'true');
    await app.page.keyboard.press('Shift');
    await expect(slideshow).toHaveAttribute('aria-pressed', 'false');
    await expect(app.page.getByTestId('detail-name')).toHaveText(baseName(order[0]!));
    for (let i = 0; i < 7; i++) await app.page.getByTestId('viewer-next').click();
    await expect(app.page.getByTestId('detail-name')).toHaveText(baseName(order[7]!));
    await slideshow.click();
    await expect(app.page.getByTestId('detail-name')).toHaveText(baseName(order[8]!), { timeout: 15_000 });
    await expect(slideshow).toHaveAttribute('aria-pressed', 'false');
    await expect(slideshow).toBeDisabled();
  });

  test('the caption editor: Escape cancels the edit only, and asks before dropping typed text', async ({ app }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'words'));
    await app.waitForLibrary(9, 0);
    await tileAt(app, 0).click();
    const viewer = app.page.getByTestId('photo-detail');
    const editor = app.page.getByTestId('caption-edit');

    // Nothing typed: Escape leaves the editor, the viewer stays.
    await app.page.getByTestId('caption-edit-start').click();
    await expect(editor).toBeFocused();
    await app.page.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(viewer).toBeVisible();

    // Typed words: Escape asks; Escape again (or "Keep editing") goes back to the words, kept.
    await app.page.getByTestId('caption-edit-start').click();
    await editor.pressSequentially('my own words');
    await app.page.keyboard.press('Escape');
    await expect(app.page.getByTestId('caption-discard')).toBeVisible();
    await expect(viewer).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(app.page.getByTestId('caption-discard')).toHaveCount(0);
    await expect(editor).toHaveValue('my own words');
    await expect(editor).toBeFocused();
    await app.page.keyboard.press('ArrowLeft'); // the field's: moves the caret, not the viewer
    await expect(viewer).toHaveAttribute('data-id', (await tileAt(app, 0).getAttribute('data-id'))!);

    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('caption-discard-keep').click();
    await expect(editor).toHaveValue('my own words');
    await app.page.getByTestId('caption-edit-cancel').click();
    await app.page.getByTestId('caption-discard-confirm').click();
    await expect(editor).toHaveCount(0);
    await expect(app.page.getByTestId('caption-empty')).toBeVisible(); // dropped, as asked: nothing saved
    await expect(viewer).toBeVisible();

    // Out of the editor, Escape closes the viewer.
    await app.page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
  });

  test('when the folder can no longer be read, the thumbnail says so and "Allow access" brings the original', async ({
    app,
  }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'later'));
    await app.waitForLibrary(9, 0);
    // As a browser restart leaves a stored folder handle: reading it needs the user's permission again.
    await app.page.evaluate(() => (window as never as { __shoebox: Hooks }).__shoebox.loseFolderAccess!());
    await tileAt(app, 0).click();
    const note = app.page.getByTestId('original-note');
    const image = app.page.getByTestId('detail-image');
    await expect(note).toHaveAttribute('data-problem', 'no-access');
    await expect(image).toHaveAttribute('data-original', 'false');
    await expect(app.page.getByTestId('download-original')).toBeDisabled();
    await expect(app.page.getByTestId('zoom-in')).toBeDisabled();
    // The thumbnail is shown at its own size, not stretched.
    const shown = await image.evaluate((img: HTMLImageElement) => [img.width, img.naturalWidth]);
    expect(shown[0]).toBeLessThanOrEqual(shown[1]!);

    await app.page.getByTestId('allow-folder-access').click();
    await expect(image).toHaveAttribute('data-original', 'true');
    await expect(note).toHaveCount(0);
    await expect(app.page.getByTestId('download-original')).toBeEnabled();
    expect(
      await app.page.evaluate(() => (window as never as { __shoebox: Hooks }).__shoebox.folderAccessRequests!()),
    ).toBe(1);
  });

  test('phone and desktop: full screen, the panel below the photo scrolls, 44 px buttons, a swipe moves on', async ({
    app,
  }, info) => {
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'phone'));
    await app.waitForLibrary(9, 0);
    const order = await gridOrder(app);

    for (const [width, height] of [
      [390, 844],
      [1440, 900],
    ] as const) {
      await app.page.setViewportSize({ width, height });
      await tileAt(app, 1).click();
      const viewer = app.page.getByTestId('photo-detail');
      await expect(app.page.getByTestId('detail-name')).toHaveText(baseName(order[1]!));
      // Picked without a folder handle: only the thumbnail exists, and the viewer says so.
      await expect(app.page.getByTestId('original-note')).toHaveAttribute('data-problem', 'no-folder');
      const box = (await viewer.boundingBox())!;
      expect(box).toEqual({ x: 0, y: 0, width, height });
      const overflow = await viewer.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBe(0);
      const small = await viewer.locator('button:visible').evaluateAll((buttons) =>
        buttons
          .map((b) => [b.getAttribute('data-testid') ?? b.textContent, b.getBoundingClientRect()] as const)
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([id]) => id),
      );
      expect(small).toEqual([]);
      const file = info.outputPath(`viewer-${width}x${height}.png`);
      await app.page.screenshot({ path: file });
      await info.attach(`viewer ${width}×${height}`, { path: file, contentType: 'image/png' });
      if (width < 500) {
        // The toolbar is one row of buttons across the top: none cut off.
        const toolbar = await viewer
          .locator('[data-testid="zoom-in"], [data-testid="close-detail"], [data-testid="slideshow"]')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.top, r.right]));
        for (const [top, right] of toolbar) {
          expect(top).toBeGreaterThanOrEqual(0);
          expect(top).toBeLessThan(20);
          expect(right).toBeLessThanOrEqual(width);
        }
        // The panel is below the photo, reached by scrolling the viewer.
        const more = app.page.getByTestId('more-like-this');
        const panelTop = (await app.page.getByTestId('detail-info').boundingBox())!.y;
        expect(panelTop).toBeGreaterThan(height * 0.5);
        await expect(more).toBeInViewport();
        const last = viewer.locator('button:visible').last();
        await expect(last).not.toBeInViewport(); // below the fold until the viewer scrolls
        const scrolledBy = await viewer.evaluate((el) => {
          el.scrollTo(0, el.scrollHeight);
          return el.scrollTop;
        });
        expect(scrolledBy).toBeGreaterThan(0);
        await expect(last).toBeInViewport();
        const scrolled = info.outputPath(`viewer-${width}x${height}-scrolled.png`);
        await app.page.screenshot({ path: scrolled });
        await info.attach(`viewer ${width}×${height}, scrolled`, { path: scrolled, contentType: 'image/png' });
        await viewer.evaluate((el) => el.scrollTo(0, 0));

        // A swipe to the left on the photo shows the next one (touch, through the browser's own touch events).
        const image = (await app.page.getByTestId('detail-image').boundingBox())!;
        const cdp = await app.page.context().newCDPSession(app.page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
        const y = image.y + image.height / 2;
        const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
          cdp.send('Input.dispatchTouchEvent', {
            type,
            touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
          });
        await touch('touchStart', 300);
        for (const x of [260, 200, 140]) await touch('touchMove', x);
        await touch('touchEnd', 140);
        await expect(app.page.getByTestId('detail-name')).toHaveText(baseName(order[2]!));
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
        await cdp.detach();
      }
      await app.page.keyboard.press('Escape');
      await expect(viewer).toHaveCount(0);
    }
  });
});
