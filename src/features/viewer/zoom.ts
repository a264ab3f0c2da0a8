/**
 * Zoom and pan of the photo in the viewer, as pure math. The picture is laid out fitted and centred in its frame;
 * the view is `translate(x, y) scale(scale)` about the picture's centre, so a point p of the fitted picture (from
 * its centre) shows at x + scale·p (from the frame's centre).
 */
export interface View {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A point in CSS px from the frame's centre. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export const FITTED: View = { scale: 1, x: 0, y: 0 };

/**
 * The view scaled by `factor` about `at` (the cursor, the pinch's midpoint): the picture's point under it stays
 * under it. Scale stays within [1, maxScale]; the pan is clamped so no empty band opens beside a zoomed picture.
 */
export function viewZoomAt(view: View, factor: number, at: Point, fitted: Size, frame: Size, maxScale: number): View {
  const scale = Math.min(maxScale, Math.max(1, view.scale * factor));
  const ratio = scale / view.scale;
  return viewClamp({ scale, x: at.x - ratio * (at.x - view.x), y: at.y - ratio * (at.y - view.y) }, fitted, frame);
}

/** The view moved by (dx, dy) CSS px, clamped. */
export function viewPanBy(view: View, dx: number, dy: number, fitted: Size, frame: Size): View {
  return viewClamp({ scale: view.scale, x: view.x + dx, y: view.y + dy }, fitted, frame);
}

/**
 * The view kept within reach: a zoomed picture's edge never comes inside the frame's (where it is bigger than the
 * frame), and a side smaller than the frame stays centred.
 */
export function viewClamp(view: View, fitted: Size, frame: Size): View {
  const limitX = Math.max(0, (view.scale * fitted.width - frame.width) / 2);
  const limitY = Math.max(0, (view.scale * fitted.height - frame.height) / 2);
  return { scale: view.scale, x: clamp(view.x, limitX), y: clamp(view.y, limitY) };
}

/** Double-click or double-tap: zoom in to `scale` about the point, or back to fitted when zoomed. */
export function viewToggle(view: View, at: Point, scale: number, fitted: Size, frame: Size): View {
  if (view.scale > 1) return FITTED;
  return viewZoomAt(view, scale, at, fitted, frame, scale);
}

/** The zoom factor of a wheel turn: smooth for trackpads (small deltas), one notch of a mouse about 1.25×. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0022);
}

/** The size `natural` takes fitted (contained, never enlarged past `maxEnlarge`) in `frame`. */
export function fittedSize(natural: Size, frame: Size, maxEnlarge = 1): Size {
  if (natural.width <= 0 || natural.height <= 0) return { width: 0, height: 0 };
  const k = Math.min(frame.width / natural.width, frame.height / natural.height, maxEnlarge);
  return { width: natural.width * k, height: natural.height * k };
}

function clamp(v: number, limit: number): number {
  return Math.min(limit, Math.max(-limit, v)) + 0; // + 0: no -0 in the view
}
