import { describe, expect, it } from 'vitest';
import { dotInt8, sumSquaresInt8 } from '../kernels';
import { rowCosine } from '../rank';
import { vectorNorm } from '../vector';
import { prngMulberry32 } from '../synthetic';
import { kernelCreate, kernelSimdSupported, layoutRowOffset, scanLayout, type ScanLayout } from './kernel';

/** A memory holding `rows` random rows (codes in [-127, 127], zero padding, positive scales) in the kernel layout. */
function filled(layout: ScanLayout, rows: number, seed: number) {
  const random = prngMulberry32(seed);
  const memory = new WebAssembly.Memory({
    initial: Math.ceil(layoutRowOffset(layout, rows) / 65536) + 1,
    shared: true,
    maximum: 1024,
  });
  const codes = new Int8Array(memory.buffer);
  const scales = new Float32Array(memory.buffer);
  const plain: Int8Array[] = [];
  for (let r = 0; r < rows; r++) {
    const offset = layoutRowOffset(layout, r);
    const row = Int8Array.from({ length: layout.dims }, () => Math.round(random() * 254) - 127);
    if (r === 3) row.fill(127); // the extremes: 127 * 127 products all the way
    if (r === 4) row.fill(-127);
    codes.set(row, offset);
    scales[(offset + layout.stride - 4) >> 2] = Math.fround(random() / 127);
    plain.push(row);
  }
  return { memory, plain, scales: (r: number) => scales[(layoutRowOffset(layout, r) + layout.stride - 4) >> 2]! };
}

const query = (dims: number, seed: number) => {
  const random = prngMulberry32(seed);
  return Int8Array.from({ length: dims }, () => Math.round(random() * 254) - 127);
};

describe('the scan kernel', () => {
  it('runs as WASM SIMD here (Node has it), so the comparisons below compare two implementations', () => {
    expect(kernelSimdSupported(true)).toBe(true);
    expect(kernelSimdSupported(false)).toBe(true);
    const layout = scanLayout(16, { slots: 1, maxQueries: 1, outputBytes: 64 });
    expect(kernelCreate(filled(layout, 1, 1).memory, layout).kind).toBe('simd');
    expect(kernelCreate(filled(layout, 1, 1).memory, layout, 'js').kind).toBe('js');
  });

  for (const dims of [512, 100, 16, 3]) {
    it(`scores ${dims}-d rows exactly as dotInt8 * scale, in both implementations`, () => {
      const layout = scanLayout(dims, { slots: 2, maxQueries: 3, outputBytes: 12 * 64 });
      const rows = 150;
      const { memory, plain, scales } = filled(layout, rows, dims);
      const q = query(dims, 7);
      const expected = Float64Array.from(plain, (row, r) => dotInt8(q, 0, row, 0, dims) * scales(r));
      const sorted = [...expected].sort((a, b) => a - b);
      // Everything, the top third, ties at the threshold left out (strictly above), nothing.
      const thresholds = [-Infinity, sorted[100]!, sorted[149]!];
      for (const kind of ['simd', 'js'] as const) {
        const kernel = kernelCreate(memory, layout, kind);
        kernel.setQueries(1, [q]);
        for (const threshold of thresholds) {
          const rowsGot: number[] = [];
          const scoresGot: number[] = [];
          // Calls of odd and even lengths: the SIMD kernel takes rows two at a time, then one.
          for (const [start, end] of [
            [0, 63],
            [63, 64],
            [64, 128],
            [128, rows],
          ] as const) {
            const hits = kernel.scan(1, start, end, threshold);
            rowsGot.push(...hits.rows);
            scoresGot.push(...hits.scores);
          }
          const wanted = [...expected.keys()].filter((r) => expected[r]! > threshold);
          expect(rowsGot).toEqual(wanted);
          expect(scoresGot).toEqual(wanted.map((r) => expected[r]));
        }
      }
    });

    it(`gives ${dims}-d label dot products and row sums of squares exactly, in both implementations`, () => {
      const layout = scanLayout(dims, { slots: 1, maxQueries: 3, outputBytes: 4 * 4 * 40 });
      const { memory, plain } = filled(layout, 40, dims + 1);
      const qs = [query(dims, 1), query(dims, 2), query(dims, 3)];
      const expected = Int32Array.from(
        plain.flatMap((row) => [...qs.map((q) => dotInt8(q, 0, row, 0, dims)), sumSquaresInt8(row, 0, dims)]),
      );
      for (const kind of ['simd', 'js'] as const) {
        const kernel = kernelCreate(memory, layout, kind);
        kernel.setQueries(0, qs);
        expect(kernel.dots(0, 3, 0, 40)).toEqual(expected);
      }
    });

    it(`reranks ${dims}-d rows with exactly rowCosine's float64 cosines, in both implementations`, () => {
      // A small output area: 150 rows take several calls of the SIMD kernel.
      const layout = scanLayout(dims, { slots: 2, maxQueries: 1, outputBytes: 8 * dims + 12 * 37 });
      const { memory, plain } = filled(layout, 150, dims + 2);
      const random = prngMulberry32(dims + 3);
      const q = Float32Array.from({ length: dims }, () => random() * 2 - 1);
      const norm = vectorNorm(q);
      const rows = Int32Array.from({ length: 150 }, (_, i) => (i * 61) % 150);
      rows[5] = rows[6]!; // a row listed twice
      const zero = new Int8Array(dims);
      const expected = Float64Array.from(rows, (r) => rowCosine(q, norm, plain[r]!, 0, dims));
      for (const kind of ['simd', 'js'] as const) {
        const kernel = kernelCreate(memory, layout, kind);
        expect(kernel.cosines(1, q, norm, rows)).toEqual(expected);
        expect(kernel.cosines(1, q, 0, rows.subarray(0, 3))).toEqual(new Float64Array(3));
      }
      expect(rowCosine(q, norm, zero, 0, dims)).toBe(0);
    });
  }

  it('refuses more queries or rows than its layout has room for', () => {
    const layout = scanLayout(16, { slots: 1, maxQueries: 1, outputBytes: 12 * 4 });
    const kernel = kernelCreate(filled(layout, 8, 1).memory, layout);
    expect(() => kernel.setQueries(0, [query(16, 1), query(16, 2)])).toThrow(RangeError);
    expect(() => kernel.setQueries(0, [query(15, 1)])).toThrow(RangeError);
    kernel.setQueries(0, [query(16, 1)]);
    expect(() => kernel.scan(0, 0, 5, -Infinity)).toThrow(RangeError);
  });
});
