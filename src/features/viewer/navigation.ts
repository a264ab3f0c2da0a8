/** Where a photo stands in the order the gallery shows, and the photos either side of it. */
export interface Neighbours {
  /** Position in the order, -1 when the photo is not in it (opened from a link, then filtered away). */
  readonly index: number;
  readonly count: number;
  readonly previous: string | null;
  readonly next: string | null;
}

/** The previous and next photo of `id` in `order`; none past either end (the viewer does not wrap around). */
export function neighbours(order: readonly string[], id: string): Neighbours {
  const index = order.indexOf(id);
  if (index < 0) return { index, count: order.length, previous: null, next: null };
  return {
    index,
    count: order.length,
    previous: index > 0 ? order[index - 1]! : null,
    next: index < order.length - 1 ? order[index + 1]! : null,
  };
}
