// Times the linear probe in Node on synthetic clustered CLIP-like vectors: training on 10,000 x 512 float rows and
// labelling 100,000 more photos of the same clusters from stored int8 rows. Run: bash scripts/bench/probe-node.sh
import { probeLabelBlocks, probeTrain } from '../../src/search/linearProbe';
import { blocksFromEmbeddings } from '../../src/search/quantize';
import { syntheticClusteredEmbeddings } from '../../src/search/synthetic';

const dims = 512;
const trainCount = 10_000;
for (const classes of [2, 10]) {
  const all = syntheticClusteredEmbeddings({
    seed: classes,
    count: trainCount + 100_000,
    dims,
    clusters: classes,
    spread: 2,
  });
  const trainVectors = all.embeddings.slice(0, trainCount);
  const trainLabels = Array.from(all.clusterOf.subarray(0, trainCount));
  const blocks = blocksFromEmbeddings(all.embeddings.slice(trainCount));
  for (const tolerance of [1e-4, 1e-5]) {
    let started = performance.now();
    const probe = probeTrain(trainVectors, trainLabels, classes, { tolerance });
    const trainMs = performance.now() - started;
    probeLabelBlocks(probe, blocks.slice(0, 2)); // warm-up
    started = performance.now();
    const { predicted } = probeLabelBlocks(probe, blocks);
    const labelMs = performance.now() - started;
    const hits = predicted.filter((p, i) => p === all.clusterOf[trainCount + i]).length;
    console.log(
      `${classes} classes, tolerance ${tolerance}: train ${trainCount} x ${dims} in ${trainMs.toFixed(0)} ms ` +
        `(${probe.iterations} iterations, converged ${probe.converged}); label 100,000 stored rows in ` +
        `${labelMs.toFixed(0)} ms; accuracy on them ${(hits / predicted.length).toFixed(4)}`,
    );
  }
}
