import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_MODELS, findModel, type CaptionerSpec, type ModelSpec } from '../../engine/models';
import { clipVitBasePatch32 } from '../../engine/models/clip-vit-base-patch32';
import { fixtureColorCaptioner } from '../../engine/models/fixture-color-captioner';
import { fixtureColorClip } from '../../engine/models/fixture-color-clip';
import { florence2BaseFt } from '../../engine/models/florence-2-base-ft';
import { unregisterImportedModel } from '../../engine/models/imported';
import { mobileclipS0 } from '../../engine/models/mobileclip-s0';
import { vitGpt2ImageCaptioning } from '../../engine/models/vit-gpt2-image-captioning';
import { MemoryStorage } from '../../test-support/memoryStorage';
import { ModelsSlice, type ModelSource } from './models';

/** The hub's default embedder, and another hub embedder to switch to. */
const hubDefault = DEFAULT_MODELS.hub.embedder;
const anotherEmbedder = hubDefault.id === clipVitBasePatch32.id ? mobileclipS0 : clipVitBasePatch32;

/** The fixture captioner as it is once imported from its folder (what `importFolder` stores). */
const IMPORTED: CaptionerSpec = {
  ...fixtureColorCaptioner,
  id: 'imported-color-captioner',
  repo: 'shoebox-import/color-captioner',
  source: 'imported',
  name: 'color-captioner (imported)',
};

/** A visit: a models slice over `storage` (shared across visits), a fake engine, and the app's facts. */
function visit(storage: Storage | null, modelSource: ModelSource = 'hub', options: { indexing?: boolean } = {}) {
  const registered: ModelSpec[][] = [];
  const world = { indexing: options.indexing ?? false };
  const models = new ModelsSlice({
    engine: {
      registerModels: async (specs) => void registered.push(specs),
      capabilities: async () => ({ webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: true }),
    },
    storage,
    device: () => 'wasm',
    modelSource: () => modelSource,
    indexing: () => world.indexing,
  });
  models.restore();
  const chosen = () => ({ embedder: models.embedderId, captioner: models.captionerId });
  return { models, registered, world, chosen };
}

afterEach(() => unregisterImportedModel(IMPORTED.id));

describe('choosing models', () => {
  test('use() changes the model in use and remembers it: the next visit starts with it', async () => {
    const storage = new MemoryStorage();
    const first = visit(storage);
    expect(first.chosen()).toEqual({ embedder: hubDefault.id, captioner: vitGpt2ImageCaptioning.id });

    await first.models.use(anotherEmbedder);
    await first.models.use(florence2BaseFt);
    expect(first.chosen()).toEqual({ embedder: anotherEmbedder.id, captioner: florence2BaseFt.id });
    const active = first.models.store.get().rows.filter((r) => r.active);
    expect(active.map((r) => r.spec.id).sort()).toEqual([florence2BaseFt.id, anotherEmbedder.id].sort());

    expect(visit(storage).chosen()).toEqual({ embedder: anotherEmbedder.id, captioner: florence2BaseFt.id });
    expect(visit(new MemoryStorage()).chosen()).toEqual({
      embedder: hubDefault.id,
      captioner: vitGpt2ImageCaptioning.id,
    });
  });

  test('the embedder cannot change while photos are indexed with it; the captioner can', async () => {
    const storage = new MemoryStorage();
    const { models, world, chosen } = visit(storage, 'hub', { indexing: true });
    await models.use(anotherEmbedder);
    await models.use(florence2BaseFt);
    expect(chosen()).toEqual({ embedder: hubDefault.id, captioner: florence2BaseFt.id });
    expect(visit(storage).chosen()).toEqual({ embedder: hubDefault.id, captioner: florence2BaseFt.id });

    world.indexing = false;
    await models.use(anotherEmbedder);
    expect(chosen().embedder).toBe(anotherEmbedder.id);
  });

  test("useDefaults('demo') switches to the demo models without forgetting the user's choice", async () => {
    const storage = new MemoryStorage();
    const { models, chosen } = visit(storage);
    await models.use(anotherEmbedder);
    await models.use(florence2BaseFt);

    models.useDefaults('demo'); // the hub could not be reached
    expect(chosen()).toEqual({
      embedder: DEFAULT_MODELS.demo.embedder.id,
      captioner: DEFAULT_MODELS.demo.captioner.id,
    });
    expect(visit(storage).chosen()).toEqual({ embedder: anotherEmbedder.id, captioner: florence2BaseFt.id });
  });

  test('forget() clears the choice and the imported models, back to the defaults', async () => {
    const storage = new MemoryStorage();
    storage.setItem('unrelated', 'kept');
    const saved = { imported: [IMPORTED], embedderId: anotherEmbedder.id, captionerId: IMPORTED.id };
    storage.setItem('shoebox.models', JSON.stringify(saved));
    const withImport = visit(storage);
    expect(withImport.chosen()).toEqual({ embedder: anotherEmbedder.id, captioner: IMPORTED.id });

    await withImport.models.forget();
    expect(withImport.chosen()).toEqual({ embedder: hubDefault.id, captioner: vitGpt2ImageCaptioning.id });
    expect(findModel(IMPORTED.id)).toBeUndefined();
    expect(storage.getItem('unrelated')).toBe('kept');
    expect(visit(storage).chosen()).toEqual({ embedder: hubDefault.id, captioner: vitGpt2ImageCaptioning.id });
  });

  test('without storage (disabled in some private windows) a choice lasts for the visit', async () => {
    const { models, chosen } = visit(null);
    await models.use(anotherEmbedder);
    expect(chosen().embedder).toBe(anotherEmbedder.id);
    expect(visit(null).chosen().embedder).toBe(hubDefault.id);
  });

  test('a damaged saved record is ignored', () => {
    const storage = new MemoryStorage();
    storage.setItem('shoebox.models', '{not json');
    expect(visit(storage).chosen()).toEqual({ embedder: hubDefault.id, captioner: vitGpt2ImageCaptioning.id });
  });
});

describe('restoring at start-up', () => {
  test('a remembered hub model is not applied in demo mode (its files cannot come from there)', async () => {
    const storage = new MemoryStorage();
    const hub = visit(storage);
    await hub.models.use(anotherEmbedder);
    await hub.models.use(florence2BaseFt);

    expect(visit(storage, 'demo').chosen()).toEqual({
      embedder: fixtureColorClip.id,
      captioner: fixtureColorCaptioner.id,
    });
    expect(visit(storage, 'hub').chosen()).toEqual({ embedder: anotherEmbedder.id, captioner: florence2BaseFt.id });
  });

  test('imported models are restored, registered with the engine, and usable in either mode', async () => {
    const storage = new MemoryStorage();
    storage.setItem('shoebox.models', JSON.stringify({ imported: [IMPORTED], captionerId: IMPORTED.id }));

    const demo = visit(storage, 'demo');
    expect(demo.registered).toEqual([[IMPORTED]]);
    expect(findModel(IMPORTED.id)).toEqual(IMPORTED);
    expect(demo.chosen()).toEqual({ embedder: fixtureColorClip.id, captioner: IMPORTED.id });
    await demo.models.refresh();
    const row = demo.models.store.get().rows.find((r) => r.spec.id === IMPORTED.id);
    expect(row).toMatchObject({ active: true });

    expect(visit(storage, 'hub').chosen().captioner).toBe(IMPORTED.id);
  });

  test('removing an imported model forgets it for the next visit', async () => {
    const storage = new MemoryStorage();
    storage.setItem('shoebox.models', JSON.stringify({ imported: [IMPORTED] }));
    const { models } = visit(storage, 'demo');
    await models.remove(IMPORTED);
    expect(findModel(IMPORTED.id)).toBeUndefined();
    const next = visit(storage, 'demo');
    expect(next.registered).toEqual([]);
    expect(findModel(IMPORTED.id)).toBeUndefined();
  });
});
