import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { getCaption, listCaptions, putCaption } from '../../library/captions';
import { getMeta } from '../../library/maintenance';
import { captionTerms } from '../../search/query';
import { Captions } from './captions';
import { colorLibrary } from '../../test-support/colorLibrary';

const CAPTIONER = 'fixture-color-captioner';

async function setup(count = 3) {
  const world = await colorLibrary(count);
  let changes = 0;
  const captions = new Captions(world.host, {
    toPixels: world.toPixels,
    device: () => 'wasm',
    onChange: () => changes++,
  });
  await captions.reload();
  return { ...world, captions, changes: () => changes };
}

/** Resolves when the background run is over, or has captioned `steps` photos. */
async function settle(captions: Captions, steps?: number): Promise<void> {
  if (steps === undefined) return captions.idle();
  for (let i = 0; i < 200; i++) {
    if (captions.store.get().background.done >= steps) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the background run did not reach ${steps}`);
}

describe('captioning one photo', () => {
  test('the model caption is stored for the current captioner, shown, searchable, and announced as a change', async () => {
    const { captions, photos, lib, log, changes } = await setup();
    const before = changes();
    await captions.captionOne(photos[0]!.id);
    expect(log.loads).toEqual([CAPTIONER]);
    expect((await getCaption(lib, CAPTIONER, photos[0]!.id))?.text).toBe('a red picture');
    expect(captions.store.get().byId.get(photos[0]!.id)).toMatchObject({ text: 'a red picture', source: 'model' });
    expect(captions.termsById().get(photos[0]!.id)).toEqual(captionTerms('a red picture'));
    expect(captions.termsById().has(photos[1]!.id)).toBe(false);
    expect(captions.store.get().engineCaptions).toBe(1);
    expect(captions.store.get().pending.size).toBe(0);
    expect(changes()).toBe(before + 1);
  });

  test('a failure is reported, not thrown', async () => {
    const { captions, host, photos } = await setup();
    host.engine.caption = async () => {
      throw new Error('out of memory');
    };
    await captions.captionOne(photos[0]!.id);
    expect(captions.store.get().error).toMatch(/out of memory/);
    expect(captions.store.get().errorPhoto).toBe(photos[0]!.id); // shown in that photo's panel only
    expect(captions.store.get().byId.size).toBe(0);
  });
});

describe("the user's caption", () => {
  test('wins: regenerating keeps it, and the background run skips it', async () => {
    const { captions, photos, lib, log } = await setup();
    const id = photos[0]!.id;
    await captions.captionOne(id);
    await captions.edit(id, '  birthday cake  ');
    expect(captions.store.get().byId.get(id)).toMatchObject({ text: 'birthday cake', source: 'user' });
    expect(captions.termsById().get(id)).toEqual(new Set(['birthday', 'cake']));

    await captions.captionOne(id); // the model runs, the library keeps the user's text
    expect((await getCaption(lib, CAPTIONER, id))?.text).toBe('birthday cake');

    const before = log.captions;
    await captions.setBackground(true);
    await settle(captions);
    expect(log.captions - before).toBe(2); // the two other photos only
    expect(captions.store.get().byId.get(id)?.text).toBe('birthday cake');
  });

  test('is shown whichever captioner it was written under; clearing it lets the model caption show again', async () => {
    const { captions, photos, lib, host } = await setup();
    const id = photos[0]!.id;
    await putCaption(lib, 'another-captioner', id, 'my dog', 'user', 5);
    await putCaption(lib, CAPTIONER, id, 'a red picture', 'model', 6);
    await captions.reload();
    expect(captions.store.get().byId.get(id)?.text).toBe('my dog');

    await captions.edit(id, 'my good dog'); // edits stay under the captioner they were written for
    expect((await getCaption(lib, 'another-captioner', id))?.text).toBe('my good dog');

    await captions.edit(id, '   ');
    expect(captions.store.get().byId.get(id)).toMatchObject({ text: 'a red picture', source: 'model' });
    expect(host.store.get().captionerId).toBe(CAPTIONER);
  });

  test('"use the model\'s caption" replaces it only on request', async () => {
    const { captions, photos } = await setup();
    const id = photos[1]!.id;
    await captions.edit(id, 'lawn');
    await captions.revertToModel(id);
    expect(captions.store.get().byId.get(id)).toMatchObject({ text: 'a green picture', source: 'model' });
  });
});

describe('captioning the whole library in the background', () => {
  test('captions every photo once embedding is over, with progress; the switch is remembered', async () => {
    const { captions, lib, log } = await setup(5);
    await captions.setBackground(true);
    await settle(captions);
    expect(log.captions).toBe(5);
    expect(captions.store.get().background).toMatchObject({ enabled: true, running: false, done: 5, total: 5 });
    expect((await listCaptions(lib, CAPTIONER)).map((c) => c.text).sort()).toEqual([
      'a blue picture',
      'a green picture',
      'a green picture',
      'a red picture',
      'a red picture',
    ]);
    expect(await getMeta(lib, 'captions.background')).toBe(true);
  });

  test('waits while the library is indexing, and starts when a refresh finds it ready', async () => {
    const { captions, host, log } = await setup(2);
    host.store.set({ phase: 'indexing' });
    await captions.setBackground(true);
    expect(captions.store.get().background.running).toBe(false);
    host.store.set({ phase: 'ready' });
    await captions.reload();
    await settle(captions);
    expect(log.captions).toBe(2);
  });

  /** Starts a background run over 9 photos whose first caption waits, and pauses it during that caption. */
  async function pausedAtFirst() {
    const world = await setup(9);
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = new Promise<void>((r) => (started = r));
    const caption = world.host.engine.caption;
    world.host.engine.caption = async (...args) => {
      started();
      await gate;
      return caption(...args);
    };
    await world.captions.setBackground(true);
    await first;
    world.captions.pause();
    release();
    await settle(world.captions, 1);
    await new Promise((r) => setTimeout(r, 30));
    return world;
  }

  test('pause holds the run after the photo in progress; resume finishes it', async () => {
    const { captions, log } = await pausedAtFirst();
    expect(captions.store.get().background).toMatchObject({ running: true, paused: true, done: 1, total: 9 });
    expect(log.captions).toBe(1);
    captions.resume();
    await settle(captions);
    expect(log.captions).toBe(9);
  });

  test('cancel stops the run and turns it off; what was captioned stays', async () => {
    const { captions, log, lib } = await pausedAtFirst();
    captions.cancel();
    await settle(captions);
    await new Promise((r) => setTimeout(r, 30));
    expect(log.captions).toBe(1);
    expect(captions.store.get().background).toMatchObject({ enabled: false, running: false });
    expect(await listCaptions(lib, CAPTIONER)).toHaveLength(1);
    expect(await getMeta(lib, 'captions.background')).toBe(false);
  });
});

describe('reloading', () => {
  test("is skipped while a folder is indexed, except for the slice's own writes", async () => {
    const { captions, photos, lib, host } = await setup();
    host.store.set({ phase: 'indexing' });
    await putCaption(lib, CAPTIONER, photos[0]!.id, 'from another tab', 'model');
    await captions.reload();
    expect(captions.store.get().byId.size).toBe(0);
    await captions.edit(photos[1]!.id, 'mine');
    expect(captions.store.get().byId.size).toBe(2);
  });
});

describe('switching the captioner', () => {
  test("each model's captions are kept apart", async () => {
    const { captions, photos, host } = await setup();
    await captions.captionOne(photos[0]!.id);
    host.store.set({ captionerId: 'vit-gpt2-image-captioning' });
    await captions.captionerChanged();
    expect(captions.store.get().byId.size).toBe(0);
    host.store.set({ captionerId: CAPTIONER });
    await captions.captionerChanged();
    expect(captions.store.get().byId.get(photos[0]!.id)?.text).toBe('a red picture');
  });
});
