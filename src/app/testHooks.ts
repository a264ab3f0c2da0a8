/**
 * Test hooks for the e2e suite (see e2e/CONTRACT.md), in e2e builds only (`VITE_TEST_HOOKS=true`): the production
 * bundle has no `window.__shoebox` (a test checks). Faults are injected by wrapping the composition root's
 * collaborators, never by a check on the production path.
 */
import { EngineClient } from '../engine/client';
import { browserFolderAccess } from '../ingest/original';
import { findModel, isEmbedder } from '../engine/models';
import { loadEmbeddingBlocks } from '../library/embeddings';
import { checkConsistency } from '../library/maintenance';
import { commitPhotos } from '../library/photos';
import { announceChange } from '../library/sync';
import { fakePhoto } from '../library/testing';
import { CAPTION_WEIGHT, NAME_WEIGHT, nameTerms, searchPhotos } from '../search/query';
import { syntheticClusteredEmbeddings } from '../search/synthetic';
import type { Core, CoreDeps } from './core';

/** Content fingerprints of model inputs decoded from files named for a crash (the crop is copied on its way). */
const poisoned = new Set<string>();
const crashFragments: string[] = [];
/** Set by `loseFolderAccess()`: folder handles read as a browser restart leaves them, until access is asked for. */
let folderAccessLost = false;
/** How many files each decoder (`DecodedPhoto.decoder`) has decoded in this page. */
const decoderCounts: Record<string, number> = {};
let folderAccessRequests = 0;

/** Wraps the decoder and the engine so that a batch holding a "poisoned" photo kills the model worker. */
export function withTestHooks(deps: CoreDeps): CoreDeps {
  const access = deps.folderAccess ?? browserFolderAccess;
  return {
    ...deps,
    folderAccess: {
      read: async (dir, path) => (folderAccessLost ? { problem: 'no-access' } : access.read(dir, path)),
      request: async (dir) => {
        folderAccessRequests++;
        const granted = await access.request(dir);
        if (granted) folderAccessLost = false;
        return granted;
      },
    },
    engine: new CrashingEngine(),
    createDecoder: () => {
      const decoder = deps.createDecoder();
      return {
        async decode(file, side, signal) {
          const result = await decoder.decode(file, side, signal);
          if (result.ok) decoderCounts[result.decoder] = (decoderCounts[result.decoder] ?? 0) + 1;
          if (result.ok && crashFragments.some((needle) => file.name.includes(needle)))
            poisoned.add(fingerprint(result.modelInput));
          return result;
        },
      };
    },
  };
}

export function installTestHooks(core: Core): void {
  if (NAME_WEIGHT !== CAPTION_WEIGHT) throw new Error('plainSearch assumes NAME_WEIGHT === CAPTION_WEIGHT');
  (window as unknown as { __shoebox: unknown }).__shoebox = {
    engineStats: () => core.engine.stats(),
    engineCapabilities: () => core.engine.capabilities(),
    killEngine: () => core.engine.kill(),
    engineRestarts: () => core.engine.restarts,
    /** Makes every batch holding a photo whose file name contains `fragment` crash the model worker. */
    crashOn: (fragment: string) => void crashFragments.push(fragment),
    consistency: () => checkConsistency(core.library()),
    /** From now on stored folder handles read as after a browser restart (no access) until access is asked again. */
    loseFolderAccess: () => void (folderAccessLost = true),
    folderAccessRequests: () => folderAccessRequests,
    /**
     * Writes `count` photos with seeded synthetic vectors for the current embedder through the library's own API
     * (a big library without decoding thousands of files), then reloads what the app shows.
     */
    seedLibrary: async (count: number) => {
      const spec = findModel(core.models.embedderId);
      if (!spec || !isEmbedder(spec)) throw new Error('no embedder');
      const { embeddings } = syntheticClusteredEmbeddings({ seed: 11, count, dims: spec.dims, clusters: 8, spread: 2 });
      const thumbnail = await seedThumbnail();
      const commits = embeddings.map((vector, n) => ({
        photo: fakePhoto(100_000 + n, { path: `seeded/s-${n}.png`, name: `s-${n}.png`, ...seededShape(n) }),
        thumbnail,
        embedding: { modelId: spec.id, vector },
      }));
      for (let i = 0; i < commits.length; i += 500) await commitPhotos(core.library(), commits.slice(i, i + 500));
      announceChange({ kind: 'photos' });
      await core.refresh();
    },
    /**
     * The same text search ranked the old way: main thread, plain-JS scan, with the file-name words as the only text
     * bonus (no captions in the tests that use it; NAME_WEIGHT equals CAPTION_WEIGHT, so names ride the caption slot).
     */
    plainSearch: async (text: string, k: number) => {
      const modelId = core.models.embedderId;
      const [vector] = await core.engine.embedTexts(modelId, [text]);
      const blocks = await loadEmbeddingBlocks(core.library(), modelId);
      const ids = blocks.flatMap((b) => b.ids.slice(0, b.count));
      const minScore = core.search.store.get().minScore;
      const paths = new Map(core.store.get().photos.map((p) => [p.id, p.path]));
      const names = ids.map((id) => nameTerms(paths.get(id) ?? ''));
      return searchPhotos(vector!, text, blocks, names, { k, minScore }).map((h) => ({
        id: ids[h.index]!,
        score: h.score,
      }));
    },
    /** Upright size of every photo by path. */
    decoders: () => ({ ...decoderCounts }),
    photoSizes: () => Object.fromEntries(core.store.get().photos.map((p) => [p.path, [p.width, p.height] as const])),
  };
}

/**
 * A seeded photo's date and shape, so a seeded library looks like a real one to the timeline: about ten photos a
 * day going back from June 2024 (100,000 photos span ~27 years), every tenth without a date, four aspect ratios.
 */
function seededShape(n: number) {
  const [width, height] = SEEDED_SIZES[n % SEEDED_SIZES.length]!;
  const takenAt = n % 10 === 9 ? null : Date.UTC(2024, 5, 1, 18) - n * 2.4 * 3_600_000;
  return { width, height, takenAt };
}

const SEEDED_SIZES = [
  [4000, 3000],
  [3000, 4000],
  [4000, 4000],
  [6000, 2000],
  [4000, 3000],
] as const;

/** One small grey PNG for every seeded photo. */
async function seedThumbnail(): Promise<Blob> {
  const canvas = new OffscreenCanvas(8, 8);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#888';
  context.fillRect(0, 0, 8, 8);
  return canvas.convertToBlob({ type: 'image/png' });
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
