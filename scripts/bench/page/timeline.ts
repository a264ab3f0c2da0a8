import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Gallery, type GalleryItem } from '../../../src/features/gallery/Gallery';
import { Selection } from '../../../src/features/gallery/selection';
import { fakePhoto } from '../../../src/library/testing';
import { now } from './shared';

const DAY = 86_400_000;
/** Pixels a frame while flinging: 200 px at 60 frames a second is 12,000 px/s, a fast trackpad or thumb fling. */
const FLING_PX = 200;

/**
 * n photos over about five years (tens a day, some days empty), a third of them portrait, one in 40 undated: the
 * shape of a real library's timeline.
 */
function timelineItems(n: number): GalleryItem[] {
  const start = Date.UTC(2021, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const portrait = i % 3 === 0;
    const day = Math.floor((i * 1800) / n) + (i % 7 === 0 ? 1 : 0);
    return {
      photo: fakePhoto(i, {
        takenAt: i % 40 === 0 ? null : start + day * DAY + (i % 500) * 60_000,
        width: portrait ? 3000 : 4000,
        height: portrait ? 4000 : 3000,
      }),
    };
  });
}

/** A 320 px WebP thumbnail, as the library stores them, shared by every tile (decoded by each <img> like the app's). */
async function thumbnail(): Promise<Blob> {
  const canvas = new OffscreenCanvas(320, 240);
  const g = canvas.getContext('2d')!;
  const gradient = g.createLinearGradient(0, 0, 320, 240);
  gradient.addColorStop(0, '#c0392b');
  gradient.addColorStop(1, '#2980b9');
  g.fillStyle = gradient;
  g.fillRect(0, 0, 320, 240);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/**
 * The unsearched gallery (timeline by day, justified rows) of n photos in a 1440 x 900 box: the time to the first
 * tiles, then a scroll as a user gives it (a fling of `steps` frames of FLING_PX, then scrubber jumps), with the
 * longest main-thread task (a PerformanceObserver sees tasks over 50 ms) and the longest gap between frames.
 */
export async function timelineBench(n: number, steps: number) {
  const items = timelineItems(n);
  const blob = await thumbnail();
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:0;top:0;width:1440px;height:900px;display:flex;flex-direction:column';
  document.body.append(box);
  const tasks: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, ms: entry.duration });
  });
  observer.observe({ type: 'longtask' });

  const t0 = now();
  const root = createRoot(box);
  root.render(
    createElement(Gallery, {
      items,
      timeline: true,
      grid: 'justified',
      onGrid: () => {},
      selection: new Selection(),
      actions: [],
      keysActive: true,
      loadThumbnail: async () => blob,
      onOpen: () => {},
    }),
  );
  while (!box.querySelector('[data-testid="photo"]')) await frame();
  const firstTilesMs = now() - t0;
  await frame();

  const gallery = box.querySelector<HTMLElement>('[data-testid="gallery"]')!;
  const tilesAtStart = box.querySelectorAll('[data-testid="photo"]').length;
  let last = await frame();
  const scrollStart = performance.now();
  let longestFrameMs = 0;
  const step = async (top: number) => {
    gallery.scrollTop = top;
    const t = await frame();
    longestFrameMs = Math.max(longestFrameMs, t - last);
    last = t;
  };
  for (let s = 1; s <= steps; s++) await step(s * FLING_PX);
  for (const at of [0.5, 0.1, 0.9, 1, 0.3]) {
    await step(at * (gallery.scrollHeight - gallery.clientHeight));
    await step(gallery.scrollTop + FLING_PX);
  }
  // Let the last tiles' thumbnails arrive and decode (and the observer report) before the count is taken.
  await new Promise((resolve) => setTimeout(resolve, 300));
  observer.disconnect();
  const longest = (list: typeof tasks) => Math.max(0, ...list.map((t) => t.ms));
  const scrolling = tasks.filter((t) => t.start >= scrollStart);
  const tiles = box.querySelectorAll('[data-testid="photo"]').length;
  const headers = box.querySelectorAll('[data-testid="timeline-header"]').length;
  const height = gallery.scrollHeight;
  const viewHeight = gallery.clientHeight;
  root.unmount();
  box.remove();
  return {
    photos: n,
    firstTilesMs,
    mountLongestTaskMs: longest(tasks.filter((t) => t.start < scrollStart)),
    scrollLongestTaskMs: longest(scrolling),
    scrollLongTasks: scrolling.length,
    longestFrameMs,
    frames: steps + 10,
    tilesAtStart,
    tiles,
    headers,
    height,
    viewHeight,
  };
}
