/**
 * Test hooks for the e2e suite (see e2e/CONTRACT.md), in e2e builds only (`VITE_TEST_HOOKS=true`): the production
 * bundle has no `window.__shoebox` (a test checks). Faults are injected by wrapping the composition root's
 * collaborators, never by a check on the production path.
 */
import { EngineClient } from '../engine/client';
import { checkConsistency } from '../library/maintenance';
import type { Core, CoreDeps } from './core';

/** Content fingerprints of model inputs decoded from files named for a crash (the crop is copied on its way). */
const poisoned = new Set<string>();
const crashFragments: string[] = [];

/** Wraps the decoder and the engine so that a batch holding a "poisoned" photo kills the model worker. */
export function withTestHooks(deps: CoreDeps): CoreDeps {
  return {
    ...deps,
    engine: new CrashingEngine(),
    createDecoder: () => {
      const decoder = deps.createDecoder();
      return {
        async decode(file, side, signal) {
          const result = await decoder.decode(file, side, signal);
          if (result.ok && crashFragments.some((needle) => file.name.includes(needle)))
            poisoned.add(fingerprint(result.modelInput));
          return result;
        },
      };
    },
  };
}

export function installTestHooks(core: Core): void {
  (window as unknown as { __shoebox: unknown }).__shoebox = {
    engineStats: () => core.engine.stats(),
    engineCapabilities: () => core.engine.capabilities(),
    killEngine: () => core.engine.kill(),
    engineRestarts: () => core.engine.restarts,
    /** Makes every batch holding a photo whose file name contains `fragment` crash the model worker. */
    crashOn: (fragment: string) => void crashFragments.push(fragment),
    consistency: () => checkConsistency(core.library()),
    /** Upright size of every photo by path. */
    photoSizes: () => Object.fromEntries(core.store.get().photos.map((p) => [p.path, [p.width, p.height] as const])),
  };
}

/** The real engine, killed mid-call whenever a batch holds a poisoned photo, as a photo that crashes it would. */
class CrashingEngine extends EngineClient {
  override embedImages(modelId: string, crops: Uint8ClampedArray[], signal?: AbortSignal): Promise<Float32Array[]> {
    const crash = crops.some((crop) => poisoned.has(fingerprint(crop))); // before the crops are transferred
    const pending = super.embedImages(modelId, crops, signal);
    if (crash) this.kill();
    return pending;
  }
}

/** FNV-1a over the bytes: tells crops apart without keeping them. */
function fingerprint(bytes: Uint8ClampedArray): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${hash >>> 0}`;
}
