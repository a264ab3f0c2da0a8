// `npm run bench`: drives the bench page in headless Chromium and reports Shoebox next to its ceilings and the
// usual way, measured side by side in one run. Speed never fails it. Progress goes to stderr, the table to stdout.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, renderTable, summarize } from './report.mjs';
import { startServer } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 24);
const SEARCH_SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/lib/chromium/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const QUERIES = [
  'a dog on the beach',
  'red car',
  'sunset over the sea',
  'a cat',
  'snow in the mountains',
  'birthday cake',
  'my bicycle',
  'a photo of a flower',
  'city at night',
  'two people walking',
];

// BENCH_REPORT_ONLY=1 re-renders BENCHMARKS.md from bench-results.json (after editing findings.md), measuring nothing.
if (process.env.BENCH_REPORT_ONLY) {
  const saved = JSON.parse(readFileSync(resolve(ROOT, 'bench-results.json'), 'utf8'));
  writeFileSync(
    resolve(ROOT, 'BENCHMARKS.md'),
    renderMarkdown(saved, readFileSync(resolve(ROOT, 'scripts/bench/findings.md'), 'utf8')),
  );
  process.exit(0);
}

const log = (...args) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

const server = await startServer([
  ['/models/bench/', resolve(ROOT, 'bench-models')],
  ['/test-photos/', resolve(ROOT, process.env.BENCH_SOURCE_PHOTOS ?? '../shared/test-photos/orientation')],
  ['/bench-photos/', resolve(ROOT, 'bench-photos'), true],
  ['/ort/', resolve(ROOT, 'public/ort')],
  ['/models/', resolve(ROOT, 'public/models')],
  ['/', resolve(ROOT, 'node_modules/.cache/shoebox-bench/page')],
]);
const BASE = `http://127.0.0.1:${server.address().port}/index.html?device=wasm`;

async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && log('console:', m.text()));
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  return { context, page };
}

const step = async (name, fn) => {
  log(`${name} ...`);
  const t = Date.now();
  const out = await fn();
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return out;
};

const results = { command: 'npm run bench', date: new Date().toISOString(), photos: PHOTOS };
try {
  // The WebGPU adapter is only reported: the bench runs on WASM, as the app does where WebGPU is missing.
  const gpuBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, '--enable-unsafe-webgpu'] });
  const gpu = await openPage(gpuBrowser);
  const webgpu = await gpu.page.evaluate(() => window.bench.machine().then((m) => m.webgpu));
  await gpuBrowser.close();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const { context, page } = await openPage(browser);
  const machine = await page.evaluate(() => window.bench.machine());
  results.machine = {
    ...machine,
    webgpu,
    browser: `Chromium ${browser.version()}`,
    node: process.version,
    cpu: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
  log('machine', JSON.stringify(results.machine));
  const threads = machine.wasmThreads;

  const made = await step(`photos (${2 * PHOTOS + 2} x 12 MP)`, () =>
    page.evaluate((n) => window.bench.ensurePhotos(n), 2 * PHOTOS + 2),
  );
  if (made) log(`made ${made} photos in bench-photos/`);

  const run = (name, fn, arg) => step(name, () => page.evaluate(fn, arg));
  // Interleaved rounds: the machine's load drifts over minutes, so each round measures the ceilings, the usual way
  // and the app back to back, and every figure keeps its best round.
  const model = [];
  const decode = [];
  const usual = [];
  const app = [];
  for (let round = 0; round < 2; round++) {
    model.push(
      await run(`round ${round + 1}: model ceiling (bare ORT session)`, ([t]) => window.bench.modelCeiling(t, 3), [
        threads,
      ]),
    );
    decode.push(
      await run(`round ${round + 1}: decode ceiling`, ([n, w]) => window.bench.decodeCeiling(n, w, 1), [
        PHOTOS,
        machine.cores,
      ]),
    );
    usual.push(await run(`round ${round + 1}: usual way`, ([n, t]) => window.bench.usualWay(n, t), [6, threads]));
    app.push(
      await run(`round ${round + 1}: app indexing (Controller.import)`, ([n, r]) => window.bench.appIndexing(n, r), [
        PHOTOS,
        round,
      ]),
    );
  }
  const engine = await run('engine alone on crops', () => window.bench.engineOnly(6));
  const text = await run('text encoding (app engine)', (qs) => window.bench.appTextEncode(qs), [
    ...QUERIES,
    ...QUERIES,
  ]);
  const relabel = await run('relabel 10k', () => window.bench.relabelBench(5));
  await page.evaluate(() => window.bench.disposeApp());
  const search = {};
  for (const n of SEARCH_SIZES) {
    const big = n >= 1_000_000;
    search[n] = await run(`search ${n}`, ([size, q, u]) => window.bench.searchBench(size, q, u), [
      n,
      big ? 5 : 9,
      big ? 3 : 5,
    ]);
  }
  const relabel100k = await run('relabel 100k x 20 labels (search worker)', () => window.bench.relabel100kBench(5));
  // A returning user: the library is in IndexedDB and the model in this context's cache; the page is opened afresh.
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  await step('write a 100k library', () => page.evaluate(() => window.bench.populateLibrary(100_000)));
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  const open = await step('open the 100k library', () =>
    page.evaluate(() => window.bench.openBench('a dog on the beach')),
  );
  await context.close();
  await browser.close();

  results.machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  const raw = { model, decode, usual, app, engine, text, relabel, relabel100k, search, open };
  writeFileSync(resolve(ROOT, 'bench-models/last-run-raw.json'), JSON.stringify(raw, null, 1));
  Object.assign(results, summarize(raw));
} finally {
  server.close();
}

const findings = readFileSync(resolve(ROOT, 'scripts/bench/findings.md'), 'utf8');
writeFileSync(resolve(ROOT, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
writeFileSync(resolve(ROOT, 'BENCHMARKS.md'), renderMarkdown(results, findings));
console.log(renderTable(results));
log('wrote bench-results.json and BENCHMARKS.md');
