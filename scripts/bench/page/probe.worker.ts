import * as Comlink from 'comlink';
import { probeLabelBlocks, probeTrain } from '../../../src/search/linearProbe';
import { blocksFromEmbeddings } from '../../../src/search/quantize';
import { syntheticClusteredEmbeddings } from '../../../src/search/synthetic';

/**
 * The linear probe off the main thread, as the app runs it (src/features/evaluate/probe.worker.ts): training on
 * `train` float rows of synthetic clustered CLIP-like vectors, then labelling `label` more stored int8 rows.
 */
const api = {
  run(train: number, label: number, dims: number, classes: number) {
    const all = syntheticClusteredEmbeddings({
      seed: classes,
      count: train + label,
      dims,
      clusters: classes,
      spread: 2,
    });
    const labels = Array.from(all.clusterOf.subarray(0, train));
    const blocks = blocksFromEmbeddings(all.embeddings.slice(train));
    probeLabelBlocks(probeTrain(all.embeddings.slice(0, 200), labels.slice(0, 200), classes), blocks.slice(0, 1));
    let t = performance.now();
    const probe = probeTrain(all.embeddings.slice(0, train), labels, classes);
    const trainMs = performance.now() - t;
    t = performance.now();
    const { predicted } = probeLabelBlocks(probe, blocks);
    const labelMs = performance.now() - t;
    const hits = predicted.filter((p, i) => p === all.clusterOf[train + i]).length;
    return {
      trainMs,
      labelMs,
      iterations: probe.iterations,
      converged: probe.converged,
      accuracy: hits / predicted.length,
      train,
      label,
      dims,
      classes,
    };
  },
};

export type ProbeBenchApi = typeof api;
Comlink.expose(api);
