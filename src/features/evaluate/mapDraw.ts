/** The embedding map's look, shared by the canvas on screen and the one behind "Export map (PNG)". */

/** Tableau 10: distinguishable, and still apart for the common colour blindnesses; golden-angle hues beyond. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

export function mapClassColor(c: number): string {
  return PALETTE[c] ?? `hsl(${Math.round((c * 137.508) % 360)}, 65%, 58%)`;
}

export const MAP_POINT_RADIUS = 4;
const BACKGROUND = '#14191f';

/** The points to draw: [x, y] each (data units) and each point's class. */
export interface MapFrame {
  readonly points: Float64Array;
  readonly classes: Int32Array;
}

/** Data units to CSS pixels: fits the given points' bounds in width x height with a margin, then zoom and pan. */
export interface MapTransform {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

export interface MapView {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
}

export const MAP_VIEW_HOME: MapView = { zoom: 1, panX: 0, panY: 0 };

/** The transform that fits every point of `sets` (e.g. both ends of a morph, so it never rescales midway). */
export function mapFit(sets: readonly Float64Array[], width: number, height: number, margin = 16): MapTransform {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const points of sets) {
    for (let i = 0; i < points.length; i += 2) {
      minX = Math.min(minX, points[i]!);
      maxX = Math.max(maxX, points[i]!);
      minY = Math.min(minY, points[i + 1]!);
      maxY = Math.max(maxY, points[i + 1]!);
    }
  }
  if (!Number.isFinite(minX)) return { scale: 1, offsetX: width / 2, offsetY: height / 2 };
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  return {
    scale,
    offsetX: width / 2 - scale * ((minX + maxX) / 2),
    offsetY: height / 2 - scale * ((minY + maxY) / 2),
  };
}

/** A point's position in CSS pixels. */
export function mapToScreen(t: MapTransform, view: MapView, x: number, y: number): [number, number] {
  return [(x * t.scale + t.offsetX) * view.zoom + view.panX, (y * t.scale + t.offsetY) * view.zoom + view.panY];
}

/** The point nearest (sx, sy) within `radius` CSS pixels, or -1. */
export function mapHit(frame: MapFrame, t: MapTransform, view: MapView, sx: number, sy: number, radius = 8): number {
  let best = -1;
  let bestDistance = radius * radius;
  for (let i = 0; i < frame.classes.length; i++) {
    const [x, y] = mapToScreen(t, view, frame.points[2 * i]!, frame.points[2 * i + 1]!);
    const d = (x - sx) ** 2 + (y - sy) ** 2;
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

/** Draws the points (the focused one last, ringed) on a context already scaled to CSS pixels. */
export function mapDraw(
  ctx: CanvasRenderingContext2D,
  frame: MapFrame,
  t: MapTransform,
  view: MapView,
  size: { width: number; height: number; left?: number; top?: number },
  focused = -1,
): void {
  const { width, height, left = 0, top = 0 } = size;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(left, top, width, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const dot = (i: number) => {
    const [x, y] = mapToScreen(t, view, frame.points[2 * i]!, frame.points[2 * i + 1]!);
    ctx.beginPath();
    ctx.arc(left + x, top + y, MAP_POINT_RADIUS, 0, 2 * Math.PI);
    ctx.fillStyle = mapClassColor(frame.classes[i]!);
    ctx.fill();
    return [left + x, top + y] as const;
  };
  for (let i = 0; i < frame.classes.length; i++) if (i !== focused) dot(i);
  if (focused >= 0 && focused < frame.classes.length) {
    const [x, y] = dot(focused);
    ctx.beginPath();
    ctx.arc(x, y, MAP_POINT_RADIUS + 3, 0, 2 * Math.PI);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.restore();
}

/** The map as a picture: a title, the points and a legend of the classes, at `scale` x. */
export function mapDrawPng(
  title: string,
  frame: MapFrame,
  classNames: readonly string[],
  scale = 2,
): HTMLCanvasElement {
  const side = 560;
  const legendWidth = 200;
  const header = 48;
  const canvas = document.createElement('canvas');
  const width = side + legendWidth + 48;
  const height = Math.max(side, classNames.length * 22) + header + 24;
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#e8edf2';
  ctx.font = '600 15px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 24, 24);
  mapDraw(ctx, frame, mapFit([frame.points], side, side), MAP_VIEW_HOME, {
    width: side,
    height: side,
    left: 24,
    top: header,
  });
  ctx.font = '13px system-ui, sans-serif';
  classNames.forEach((name, c) => {
    const y = header + 12 + c * 22;
    ctx.fillStyle = mapClassColor(c);
    ctx.beginPath();
    ctx.arc(side + 44, y, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#e8edf2';
    ctx.fillText(name.length > 24 ? `${name.slice(0, 23)}…` : name, side + 58, y);
  });
  return canvas;
}
