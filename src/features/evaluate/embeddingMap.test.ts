import { describe, expect, it } from 'vitest';
import { syntheticClusteredEmbeddings } from '../../search/synthetic';
import { mapProject, mapSample } from './embeddingMap';

describe('mapProject', () => {
  const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
    seed: 5,
    count: 60,
    dims: 16,
    clusters: 3,
    spread: 1,
  });

  it('is deterministic for a seed, different for another, and reports progress to the end', () => {
    const steps: number[] = [];
    const a = mapProject(embeddings, 7, (done, total) => steps.push(done / total));
    const b = mapProject(embeddings, 7);
    const c = mapProject(embeddings, 8);
    expect(a).toHaveLength(120);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(steps.at(-1)).toBe(1);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it("keeps clusters together: each point is nearer its own cluster's centre than the others", () => {
    const points = mapProject(embeddings, 1);
    const centres = [0, 1, 2].map((k) => {
      const members = [...clusterOf.keys()].filter((i) => clusterOf[i] === k);
      const mean = (axis: number) => members.reduce((s, i) => s + points[2 * i + axis]!, 0) / members.length;
      return [mean(0), mean(1)] as const;
    });
    let nearest = 0;
    clusterOf.forEach((k, i) => {
      const d = centres.map(([x, y]) => Math.hypot(points[2 * i]! - x, points[2 * i + 1]! - y));
      if (d.indexOf(Math.min(...d)) === k) nearest++;
    });
    expect(nearest / clusterOf.length).toBeGreaterThan(0.95);
  });

  it('places one or two photos on a line', () => {
    expect(Array.from(mapProject(embeddings.slice(0, 2), 1))).toEqual([0, 0, 1, 0]);
  });
});

describe('mapSample', () => {
  it('takes every photo up to the limit, and a seeded sorted sample beyond', () => {
    expect(Array.from(mapSample(4, 1, 10))).toEqual([0, 1, 2, 3]);
    const sample = mapSample(100, 3, 10);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(Array.from(sample)).toEqual([...sample].sort((a, b) => a - b));
    expect(Array.from(mapSample(100, 3, 10))).toEqual(Array.from(sample));
  });
});
