/** Pure grid layout math: how many columns fit and which photos sit in a row. */
export function columnsFor(width: number, tileSize: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (tileSize + gap)));
}

export function rowCount(items: number, columns: number): number {
  return Math.ceil(items / Math.max(1, columns));
}

export function rowSlice<T>(items: readonly T[], row: number, columns: number): readonly T[] {
  return items.slice(row * columns, row * columns + columns);
}
