/**
 * Compact storage of embeddings: int8 codes with one float32 scale per row (symmetric, scale = max|x| / 127),
 * packed in fixed-capacity blocks. A 512-d row costs 512 + 4 bytes, so 100,000 photos take about 52 MB.
 * This is also the stored format (src/library re-exports it): codes[row * dims + j] = round(x_j / scale_row).
 */

/** Rows per block by default: 1,024 rows of 512 dims is 512 KiB of codes, a comfortable IndexedDB record. */
export const DEFAULT_BLOCK_ROWS = 1024;

/** The largest code magnitude; -128 is never used so the code range is symmetric. */
const CODE_MAX = 127;

/** A block of quantized rows. Rows [0, count) are filled; `codes` and `scales` have room for `capacity` rows. */
export interface EmbeddingBlock {
  count: number;
  readonly dims: number;
  readonly codes: Int8Array;
  readonly scales: Float32Array;
}

/** An empty block with room for `capacity` rows of `dims` dimensions. */
export function blockCreate(dims: number, capacity: number = DEFAULT_BLOCK_ROWS): EmbeddingBlock {
  if (!Number.isInteger(dims) || dims <= 0) throw new RangeError(`blockCreate: bad dims ${dims}`);
  if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`blockCreate: bad capacity ${capacity}`);
  return { count: 0, dims, codes: new Int8Array(dims * capacity), scales: new Float32Array(capacity) };
}

/** How many rows the block can hold in total. */
export function blockCapacity(block: EmbeddingBlock): number {
  return block.scales.length;
}

/**
 * Normalizes `vector`, quantizes it and writes its codes at `codes[row * dims ...]`; returns the row's scale.
 * A zero (or all-zero after normalization) vector gets scale 0 and zero codes: it scores 0 against everything.
 */
export function quantizeRowInto(vector: ArrayLike<number>, codes: Int8Array, row: number): number {
  const dims = vector.length;
  let sumSq = 0;
  let maxAbs = 0;
  for (let j = 0; j < dims; j++) {
    const x = vector[j]!;
    if (!Number.isFinite(x)) throw new RangeError('quantizeRowInto: embedding contains a non-finite value');
    sumSq += x * x;
    if (Math.abs(x) > maxAbs) maxAbs = Math.abs(x);
  }
  const offset = row * dims;
  if (sumSq === 0) {
    codes.fill(0, offset, offset + dims);
    return 0;
  }
  const norm = Math.sqrt(sumSq);
  // Rounded to float32 first, so codes are computed with exactly the scale that will be stored.
  const scale = Math.fround(maxAbs / norm / CODE_MAX);
  for (let j = 0; j < dims; j++) {
    const code = Math.round(vector[j]! / norm / scale);
    codes[offset + j] = code > CODE_MAX ? CODE_MAX : code < -CODE_MAX ? -CODE_MAX : code;
  }
  return scale;
}

/** Appends one embedding (normalized on the way in) and returns its row number. Throws when the block is full. */
export function blockAppend(block: EmbeddingBlock, embedding: ArrayLike<number>): number {
  if (embedding.length !== block.dims) {
    throw new RangeError(`blockAppend: expected ${block.dims} dims, got ${embedding.length}`);
  }
  if (block.count >= blockCapacity(block)) throw new RangeError('blockAppend: block is full');
  const row = block.count;
  block.scales[row] = quantizeRowInto(embedding, block.codes, row);
  block.count = row + 1;
  return row;
}

/** The dequantized (approximate, unit-length within rounding) vector of one row, written into `out` if given. */
export function blockReadRow(block: EmbeddingBlock, row: number, out = new Float32Array(block.dims)): Float32Array {
  if (!Number.isInteger(row) || row < 0 || row >= block.count) throw new RangeError(`blockReadRow: no row ${row}`);
  return rowDequantize(block.codes, block.scales[row]!, block.dims, row, out);
}

/** The one dequantizer: row `row` of an int8 code matrix times its scale (a single stored row is row 0). */
export function rowDequantize(
  codes: Int8Array,
  scale: number,
  dims: number,
  row = 0,
  out = new Float32Array(dims),
): Float32Array {
  const offset = row * dims;
  for (let j = 0; j < dims; j++) out[j] = codes[offset + j]! * scale;
  return out;
}

/**
 * Appends one embedding to a list of blocks, opening a new block of `blockRows` rows when the last one is full.
 * Returns the embedding's global index (its position across all blocks, in order).
 */
export function blocksAppend(
  blocks: EmbeddingBlock[],
  embedding: ArrayLike<number>,
  blockRows: number = DEFAULT_BLOCK_ROWS,
): number {
  let last = blocks[blocks.length - 1];
  if (last === undefined || last.count >= blockCapacity(last)) {
    last = blockCreate(embedding.length, blockRows);
    blocks.push(last);
  }
  const before = blocksRowCount(blocks) - last.count;
  return before + blockAppend(last, embedding);
}

/** Packs many embeddings into blocks of `blockRows` rows. */
export function blocksFromEmbeddings(
  embeddings: readonly ArrayLike<number>[],
  blockRows: number = DEFAULT_BLOCK_ROWS,
): EmbeddingBlock[] {
  const blocks: EmbeddingBlock[] = [];
  for (const embedding of embeddings) blocksAppend(blocks, embedding, blockRows);
  return blocks;
}

/** The number of stored rows across all blocks. */
export function blocksRowCount(blocks: readonly EmbeddingBlock[]): number {
  let total = 0;
  for (const block of blocks) total += block.count;
  return total;
}

/** Finds the block and row that hold global index `index` (global indices run through the blocks in order). */
export function blocksLocate(blocks: readonly EmbeddingBlock[], index: number): { block: EmbeddingBlock; row: number } {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`blocksLocate: no row ${index}`);
  let row = index;
  for (const block of blocks) {
    if (row < block.count) return { block, row };
    row -= block.count;
  }
  throw new RangeError(`blocksLocate: no row ${index}`);
}

/** Bytes held by the blocks' arrays (codes and scales, filled or not). */
export function blocksByteLength(blocks: readonly EmbeddingBlock[]): number {
  let bytes = 0;
  for (const block of blocks) bytes += block.codes.byteLength + block.scales.byteLength;
  return bytes;
}
