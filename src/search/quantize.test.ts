import { describe, expect, it } from 'vitest';
import {
  blockAppend,
  blockCreate,
  blockReadRow,
  blocksAppend,
  blocksByteLength,
  blocksFromEmbeddings,
  blocksLocate,
  blocksRowCount,
  quantizeRowInto,
} from './quantize';
import { syntheticClusteredEmbeddings } from './synthetic';
import { vectorCosine } from './vector';

const closeTo = (xs: readonly number[], digits = 6) => xs.map((x) => expect.closeTo(x, digits));

describe('quantizeRowInto', () => {
  it('normalizes, then codes x / (max|x| / 127)', () => {
    // [3, -4] normalizes to [0.6, -0.8]; scale = 0.8/127; codes = [0.6/0.8*127, -127] = [95.25 -> 95, -127]
    const codes = new Int8Array(4);
    const scale = quantizeRowInto([3, -4], codes, 1);
    expect(scale).toBeCloseTo(0.8 / 127, 8);
    expect(Array.from(codes)).toEqual([0, 0, 95, -127]);
  });

  it('gives a zero vector scale 0 and zero codes', () => {
    const codes = new Int8Array(3).fill(5);
    expect(quantizeRowInto([0, 0, 0], codes, 0)).toBe(0);
    expect(Array.from(codes)).toEqual([0, 0, 0]);
  });

  it('rejects non-finite values', () => {
    expect(() => quantizeRowInto([1, Number.NaN], new Int8Array(2), 0)).toThrow(RangeError);
  });
});

describe('EmbeddingBlock', () => {
  it('appends rows and reads them back within half a step per component', () => {
    const block = blockCreate(2, 4);
    expect(blockAppend(block, [3, -4])).toBe(0);
    expect(blockAppend(block, [1, 1])).toBe(1);
    expect(block.count).toBe(2);
    expect(Array.from(blockReadRow(block, 0))).toEqual(closeTo([(95 * 0.8) / 127, -0.8]));
    expect(Array.from(blockReadRow(block, 1))).toEqual(closeTo([Math.SQRT1_2, Math.SQRT1_2]));
  });

  it('refuses rows of the wrong size, a full block, and reads past count', () => {
    const block = blockCreate(2, 1);
    expect(() => blockAppend(block, [1, 2, 3])).toThrow(RangeError);
    blockAppend(block, [1, 0]);
    expect(() => blockAppend(block, [0, 1])).toThrow(RangeError);
    expect(() => blockReadRow(block, 1)).toThrow(RangeError);
    expect(() => blockCreate(0)).toThrow(RangeError);
  });

  it('keeps realistic embeddings within 0.002 cosine of the original', () => {
    const { embeddings } = syntheticClusteredEmbeddings({ seed: 5, count: 200, dims: 512, clusters: 4, spread: 1 });
    const blocks = blocksFromEmbeddings(embeddings, 64);
    embeddings.forEach((embedding, index) => {
      const { block, row } = blocksLocate(blocks, index);
      expect(vectorCosine(blockReadRow(block, row), embedding)).toBeGreaterThan(0.998);
    });
  });
});

describe('block lists', () => {
  it('open a new block when the last is full and number rows globally', () => {
    const blocks = blocksFromEmbeddings(
      [
        [1, 0],
        [0, 1],
        [1, 1],
        [-1, 0],
        [0, -1],
      ],
      2,
    );
    expect(blocks.map((block) => block.count)).toEqual([2, 2, 1]);
    expect(blocksRowCount(blocks)).toBe(5);
    expect(blocksAppend(blocks, [2, 0], 2)).toBe(5);
    const { block, row } = blocksLocate(blocks, 3);
    expect(block).toBe(blocks[1]);
    expect(row).toBe(1);
    expect(Array.from(blockReadRow(block, row))).toEqual(closeTo([-1, 0]));
    expect(() => blocksLocate(blocks, 6)).toThrow(RangeError);
    expect(() => blocksLocate(blocks, -1)).toThrow(RangeError);
  });

  it('store 100,000 x 512 in about 52 MB (one byte a dimension plus a float a row)', () => {
    const blocks = Array.from({ length: Math.ceil(100_000 / 1024) }, () => blockCreate(512));
    const bytes = blocksByteLength(blocks);
    // 98 blocks x 1,024 rows x (512 + 4) bytes = 51,781,632
    expect(bytes).toBe(98 * 1024 * 516);
    expect(bytes).toBeLessThan(52.5e6);
  });
});
