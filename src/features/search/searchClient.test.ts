import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { blocksFromEmbeddings } from '../../search/quantize';
import { rankBlocks } from '../../search/rank';
import { syntheticClusteredEmbeddings } from '../../search/synthetic';
import { labelAll } from '../../search/zeroShot';
import { createSearchClient } from './searchClient';
import { createSearchCore } from './worker/core';

describe('searchClient', () => {
  it('drives a search worker core through a message port (the worker factory is injected)', async () => {
    const { embeddings, centers } = syntheticClusteredEmbeddings({
      seed: 2,
      count: 200,
      dims: 32,
      clusters: 4,
      spread: 1,
    });
    const [block] = blocksFromEmbeddings(embeddings, 256);
    const channel = new MessageChannel();
    Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: true }), channel.port1);
    const client = createSearchClient(() => channel.port2);

    await client.reset('model', 32);
    const ids = embeddings.map((_, i) => `p${i}`);
    expect(await client.append(ids, block!.codes.subarray(0, 200 * 32), block!.scales.subarray(0, 200))).toBe(200);
    const got = await client.rank(centers[1]!, { k: 7 });
    const want = rankBlocks(centers[1]!, [block!], { k: 7 });
    expect(got.ids).toEqual(want.map((w) => `p${w.index}`));
    expect([...got.scores]).toEqual(want.map((w) => w.score));
    expect((await client.rankById('p5', { k: 1 })).ids).toEqual(['p5']);
    expect(await client.vectorOf('p5')).toBeInstanceOf(Float32Array);
    expect((await client.labelAll(centers, { mode: 'single' })).result).toEqual(
      labelAll([block!], centers, { mode: 'single' }),
    );
    expect(await client.remove(['p5'])).toBe(1);
    expect(await client.count()).toBe(199);
    expect((await client.stats()).kernel).toBe('simd');
    client.dispose();
    channel.port1.close();
  });
});
