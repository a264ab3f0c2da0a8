import { test, expect } from '../fixtures/fixtures';
import { writePhotoFolder } from '../fixtures/photos';
import { ShoeboxPage } from '../pages/ShoeboxPage';

/** Top results and scores for each colour word. */
async function rankings(app: ShoeboxPage): Promise<Record<string, { names: string[]; scores: number[] }>> {
  const out: Record<string, { names: string[]; scores: number[] }> = {};
  for (const word of ['red', 'green', 'blue']) {
    await app.searchFor(word);
    await expect(app.photos).toHaveCount(1);
    out[word] = { names: await app.names(), scores: await app.scores() };
  }
  return out;
}

// Runs in the "webgpu" project (a software WebGPU adapter: slow, so three tiny photos).
test('@webgpu the engine ranks the same on WebGPU as on WASM', async ({ app, browser, requests, baseURL }) => {
  test.setTimeout(300_000);
  const folder = writePhotoFolder({ 'r.png': 'red', 'g.png': 'green', 'b.png': 'blue' }, 'tiny');

  await app.goto('models=demo&device=webgpu');
  await app.dropFolder(folder);
  await app.waitForLibrary(3, 0, 240_000);
  await expect(app.status).toHaveAttribute('data-device', 'webgpu');
  const gpu = await rankings(app);

  const wasmContext = await browser.newContext();
  requests.watch(wasmContext, new URL(baseURL!).origin);
  const wasm = new ShoeboxPage(await wasmContext.newPage());
  await wasm.goto('models=demo&device=wasm');
  await wasm.dropFolder(folder);
  await wasm.waitForLibrary(3, 0);
  await expect(wasm.status).toHaveAttribute('data-device', 'wasm');
  const cpu = await rankings(wasm);
  await wasmContext.close();

  expect(gpu.red!.names).toEqual(['tiny/r.png']);
  for (const word of Object.keys(cpu)) {
    expect(gpu[word]!.names).toEqual(cpu[word]!.names);
    expect(gpu[word]!.scores[0]!).toBeCloseTo(cpu[word]!.scores[0]!, 1);
  }
});
