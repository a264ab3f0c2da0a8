/** The confusion heat map's look, shared by the SVG on screen and the canvas behind "Export PNG". */

import type { ClassificationResult } from './evaluateReport';

export const CELL = 44;
export const LABEL_WIDTH = 96;

/** Room above the grid for the column labels, written at 45 degrees. */
export function headerHeight(classes: readonly string[]): number {
  const longest = Math.max(0, ...classes.map((c) => shortLabel(c).length));
  return Math.round(28 + longest * 7 * Math.SQRT1_2);
}

type Rgb = readonly [number, number, number];
export type Theme = 'light' | 'dark';

/**
 * Each theme's heat map: an empty cell (the theme's --panel-2), the right (diagonal) and wrong colours at a full
 * row, and the inks for the counts (pure black and white: one of them has 4.5:1 on any colour).
 */
const PALETTES: Record<Theme, { empty: Rgb; right: Rgb; wrong: Rgb }> = {
  light: { empty: [233, 237, 242], right: [23, 122, 74], wrong: [190, 48, 36] },
  dark: { empty: [40, 51, 66], right: [56, 189, 120], wrong: [255, 98, 82] },
};
const INKS: readonly Rgb[] = [
  [0, 0, 0],
  [255, 255, 255],
];

/** A cell's colour: green on the diagonal (right), red off it (wrong), stronger for a larger share of the row. */
export function cellRgb(share: number, diagonal: boolean, theme: Theme): Rgb {
  const { empty, right, wrong } = PALETTES[theme];
  if (share <= 0) return empty;
  const t = 0.18 + 0.82 * Math.min(1, share);
  const full = diagonal ? right : wrong;
  return [0, 1, 2].map((i) => Math.round(empty[i]! + (full[i]! - empty[i]!) * t)) as unknown as Rgb;
}

/** The count's colour on that cell: whichever ink contrasts more. */
export function cellInk(share: number, diagonal: boolean, theme: Theme): Rgb {
  const cell = cellRgb(share, diagonal, theme);
  return contrastRatio(INKS[0]!, cell) >= contrastRatio(INKS[1]!, cell) ? INKS[0]! : INKS[1]!;
}

/** WCAG 2 contrast ratio of two sRGB colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const css = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`;

/** For the page: the theme's colour, as `light-dark()`, so the SVG follows the theme switch without a render. */
export function themed(pick: (theme: Theme) => Rgb): string {
  return `light-dark(${css(pick('light'))}, ${css(pick('dark'))})`;
}

/** The share of photos of true class `t` predicted as `p` (0 for a class with no photos). */
export function rowShare(confusion: readonly (readonly number[])[], t: number, p: number): number {
  const total = confusion[t]!.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : confusion[t]![p]! / total;
}

export function shortLabel(name: string, max = 12): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const TITLE_FONT = '600 15px system-ui, sans-serif';
const SUBTITLE_FONT = '13px system-ui, sans-serif';

/** Draws every model's heat map side by side with its headline figures, for a PNG of the chart (dark, as it was). */
export function drawHeatmaps(results: readonly ClassificationResult[], scale = 2): HTMLCanvasElement {
  const gap = 40;
  const title = 70;
  const subtitle = (r: ClassificationResult) =>
    `top-1 ${percent(r.report.top1)} · macro F1 ${percent(r.report.macro.f1)} · k-NN ${percent(r.knn.accuracy)}`;
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d')!;
  const textWidth = (text: string, font: string) => {
    measure.font = font;
    return Math.ceil(measure.measureText(text).width);
  };
  const sizes = results.map((r) =>
    Math.max(
      LABEL_WIDTH + r.classes.length * CELL,
      textWidth(r.modelName, TITLE_FONT),
      textWidth(subtitle(r), SUBTITLE_FONT),
    ),
  );
  const header = Math.max(...results.map((r) => headerHeight(r.classes)));
  const height = title + header + Math.max(...results.map((r) => r.classes.length)) * CELL + 24;
  const width = sizes.reduce((a, b) => a + b, 0) + gap * (results.length + 1);
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#14191f';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';
  let x0 = gap;
  results.forEach((r, i) => {
    ctx.fillStyle = '#e8edf2';
    ctx.font = TITLE_FONT;
    ctx.textAlign = 'left';
    ctx.fillText(r.modelName, x0, 22);
    ctx.fillStyle = '#9aa8b6';
    ctx.font = SUBTITLE_FONT;
    ctx.fillText(subtitle(r), x0, 44);
    const gridX = x0 + LABEL_WIDTH;
    const gridY = title + header;
    ctx.font = '12px system-ui, sans-serif';
    r.classes.forEach((name, c) => {
      ctx.fillStyle = '#9aa8b6';
      ctx.textAlign = 'right';
      ctx.fillText(shortLabel(name), gridX - 8, gridY + c * CELL + CELL / 2);
      ctx.save();
      ctx.translate(gridX + c * CELL + CELL / 2, gridY - 8);
      ctx.rotate(-Math.PI / 4);
      ctx.textAlign = 'left';
      ctx.fillText(shortLabel(name), 0, 0);
      ctx.restore();
    });
    r.report.confusion.forEach((row, t) =>
      row.forEach((count, p) => {
        const x = gridX + p * CELL;
        const y = gridY + t * CELL;
        const share = rowShare(r.report.confusion, t, p);
        ctx.fillStyle = css(cellRgb(share, t === p, 'dark'));
        ctx.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
        if (count > 0) {
          ctx.fillStyle = css(cellInk(share, t === p, 'dark'));
          ctx.textAlign = 'center';
          ctx.font = '600 13px system-ui, sans-serif';
          ctx.fillText(String(count), x + CELL / 2, y + CELL / 2);
        }
      }),
    );
    ctx.fillStyle = '#9aa8b6';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText('truth ↓', gridX - 8, gridY - 10);
    ctx.textAlign = 'left';
    ctx.fillText('predicted →', gridX, title + 4);
    x0 += sizes[i]! + gap;
  });
  return canvas;
}
