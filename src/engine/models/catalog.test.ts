import { describe, expect, it } from 'vitest';
import { CLIP_LOGIT_SCALE } from '../../search/zeroShot';
import { MODEL_CATALOG, isEmbedder } from './index';
import { siglip2BasePatch16_224 } from './siglip2-base-patch16-224';

describe('catalog scoring', () => {
  const embedders = MODEL_CATALOG.filter(isEmbedder);

  it('scores CLIP-family models with a softmax at the logit scale CLIP learned (100), SigLIP ones with a sigmoid', () => {
    for (const m of embedders) {
      if (m.family === 'clip') expect(m.scoring, m.id).toEqual({ kind: 'softmax', logitScale: CLIP_LOGIT_SCALE });
      else expect(m.scoring.kind, m.id).toBe('sigmoid');
    }
  });

  it("uses SigLIP 2 base's learned scale and bias: an even match sits near cosine 0.149", () => {
    const s = siglip2BasePatch16_224.scoring;
    if (s.kind !== 'sigmoid') throw new Error('SigLIP scores with a sigmoid');
    expect(s).toEqual({ kind: 'sigmoid', logitScale: 112.67, logitBias: -16.772 });
    // sigmoid(scale * cos + bias) = 0.5 where cos = -bias / scale; the source's own check puts it at 0.1489.
    expect(-s.logitBias / s.logitScale).toBeCloseTo(0.1489, 3);
    // The default cutoff is a weak match, not an even one: about a 4% match probability.
    const p = 1 / (1 + Math.exp(-(s.logitScale * siglip2BasePatch16_224.defaultMinScore + s.logitBias)));
    expect(p).toBeGreaterThan(0.001);
    expect(p).toBeLessThan(0.1);
  });
});
