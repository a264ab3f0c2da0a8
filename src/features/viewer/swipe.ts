/** A finished one-finger drag on the photo: where it started and ended, in CSS px, and how long it took. */
export interface Drag {
  readonly dx: number;
  readonly dy: number;
  readonly ms: number;
}

export interface SwipeRules {
  /** The shortest horizontal travel that counts, CSS px. */
  readonly minDistance: number;
  /** The longest a swipe may take; a slower drag is someone looking, not flicking. */
  readonly maxMs: number;
}

/**
 * What a drag on an unzoomed photo asks for: a mostly horizontal flick to the left shows the next photo, to the
 * right the previous one (as on every phone); anything else (a tap, a vertical scroll, a slow drag) nothing.
 */
export function swipeDirection(drag: Drag, rules: SwipeRules): 'next' | 'previous' | null {
  const { dx, dy, ms } = drag;
  if (ms > rules.maxMs || Math.abs(dx) < rules.minDistance) return null;
  if (Math.abs(dx) < 2 * Math.abs(dy)) return null;
  return dx < 0 ? 'next' : 'previous';
}
