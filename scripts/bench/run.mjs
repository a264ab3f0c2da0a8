// `npm run bench`: drives the bench page in headless Chromium and reports Shoebox next to its ceilings and the
// usual way, measured side by side in one run. Speed never fails it. Progress goes to stderr, the table to stdout.
// `--smoke` (part of `npm test`): every stage once, on toy-size models, small photos and 1,000 rows; it fails on a
// page error or a figure that is missing or absurd, and writes only under bench-models/smoke/.
// `--indexing`, `--open`, `--timeline` and `--decode-paths` run one stage alone (see below).
import { chromium } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkSmoke,
  renderMarkdown,
  renderTable,
  summarize,
  summarizeDecodePaths,
  summarizeIndexing,
} from './report.mjs';
import { startServer } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SMOKE = process.argv.includes('--smoke');
// --indexing: only the indexing stages (interleaved rounds, engine alone, shrink parity); prints their figures and
// writes bench-models/indexing-results.json, leaving bench-results.json and BENCHMARKS.md alone.
const ONLY_INDEXING = process.argv.includes('--indexing');
// --open: only the open stage (the model cached first, then a 100k library written and opened afresh); prints its
// figures and writes bench-models/open-results.json, leaving bench-results.json and BENCHMARKS.md alone.
const ONLY_OPEN = process.argv.includes('--open');
// --timeline: only the timeline stage (no models, no photos), BENCH_TIMELINE_ROUNDS rounds (default 2), printed as
// JSON. BENCH_TIMELINE_BASELINE=<name> also serves bench-models/<name> (a bench page built with --base /<name>/) at
// /<name>/ and runs it round for round beside the current page: before/after figures side by side in one run.
// BENCH_TIMELINE_TRACE=<file> writes a Chromium trace of the current page's last round (devtools.timeline), and
// BENCH_TIMELINE_PROFILE=<file> its CPU profile (CDP Profiler, 200 us samples: open it in DevTools' Performance tab).
const ONLY_TIMELINE = process.argv.includes('--timeline');
// --decode-paths: only the per-photo decode comparison (one worker, one photo at a time, each path in turn, twice),
// with the CPU time the browser's processes spent on each path; prints it and writes
// bench-models/decode-paths-results.json.
const ONLY_DECODE_PATHS = process.argv.includes('--decode-paths');
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? (SMOKE ? 2 : 24));
const SEARCH_SIZES = (process.env.BENCH_SEARCH_SIZES ?? (SMOKE ? '1000' : '10000,100000,1000000'))
  .split(',')
  .map(Number);
/** How much of each stage runs: the bench's real amounts, or once each for the smoke run. */
const RUNS = SMOKE
  ? { rounds: 1, ceiling: 1, usual: 1, engine: 1, engineVsSession: 1, relabel: 1, library: 1000, photoSide: 1024 }
  : { rounds: 2, ceiling: 3, usual: 6, engine: 6, engineVsSession: 6, relabel: 5, library: 100_000, photoSide: 4000 };
const MODELS = resolve(ROOT, SMOKE ? 'bench-models/smoke' : 'bench-models');
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/lib/chromium/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const QUERIES_ALL = [
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
const QUERIES = SMOKE ? QUERIES_ALL.slice(0, 3) : QUERIES_ALL;

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
/** Errors thrown in the page or its workers: the smoke run fails on any (the bench only reports them). */
const pageErrors = [];

const BASELINE = ONLY_TIMELINE ? process.env.BENCH_TIMELINE_BASELINE : undefined;
const server = await startServer([
  ...(BASELINE ? [[`/${BASELINE}/`, resolve(ROOT, 'bench-models', BASELINE)]] : []),
  ['/models/bench/', MODELS],
  ['/test-photos/', resolve(ROOT, process.env.BENCH_SOURCE_PHOTOS ?? '../shared/test-photos/orientation')],
  ['/bench-photos/', resolve(ROOT, 'bench-photos'), true],
  ['/ort/', resolve(ROOT, 'public/ort')],
  ['/vips/', resolve(ROOT, 'public/vips')],
  ['/models/', resolve(ROOT, 'public/models')],
  ['/', resolve(ROOT, 'bench-models/page')],
]);
const BASE = `http://127.0.0.1:${server.address().port}/index.html?device=wasm`;

async function openPage(browser, base = BASE) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => (pageErrors.push(e.message), log('page error:', e.message)));
  page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && log('console:', m.text()));
  await page.goto(base);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate((side) => window.bench.setPhotoLongSide(side), RUNS.photoSide);
  return { context, page };
}

/** CPU time (ms, user + system) of a process's descendants (not itself), from /proc (Linux only; 0 elsewhere). */
function treeCpuMs(rootPid) {
  const stats = [];
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // Fields after the parenthesised command: state ppid ... utime(14) stime(15), counted from field 3.
        const rest = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ').pop().split(' ');
        stats.push({ pid: Number(name), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of stats) {
      if (tree.has(p.pid) || !tree.has(p.ppid)) continue;
      tree.add(p.pid);
      grew = true;
    }
  }
  return stats.filter((p) => p.pid !== rootPid && tree.has(p.pid)).reduce((ms, p) => ms + p.ticks * 10, 0); // USER_HZ is 100 on Linux
}

const step = async (name, fn) => {
  log(`${name} ...`);
  const t = Date.now();
  const out = await fn();
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return out;
};

/** A returning user: the library is in IndexedDB and the model in this context's cache; the page is opened afresh. */
async function openStage(page) {
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  await step(`write a ${RUNS.library} library`, () =>
    page.evaluate((n) => window.bench.populateLibrary(n), RUNS.library),
  );
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  const open = await step(`open the ${RUNS.library} library`, () =>
    page.evaluate(() => window.bench.openBench('a dog on the beach')),
  );
  // The same library, opened again, gets new photos: the main thread's longest task while they are indexed.
  await page.goto(BASE);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate((side) => window.bench.setPhotoLongSide(side), RUNS.photoSide);
  const added = Math.min(PHOTOS, 8);
  await page.evaluate((n) => window.bench.ensurePhotos(n), 2 * PHOTOS + 2 + added);
  const indexInto = await step(`index ${added} photos into the ${RUNS.library} library`, () =>
    page.evaluate(([n, first]) => window.bench.indexIntoLibrary(n, first), [added, 2 * PHOTOS + 2]),
  );
  return { ...open, indexInto };
}

const results = {
  command: SMOKE ? 'npm run bench -- --smoke' : 'npm run bench',
  date: new Date().toISOString(),
  photos: PHOTOS,
};
/** --timeline: the timeline stage alone, round for round on the baseline page (if any) and the current one. */
async function timelineOnly() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const pages = { current: BASE };
  if (BASELINE) pages[BASELINE] = BASE.replace('/index.html', `/${BASELINE}/index.html`);
  const rounds = Number(process.env.BENCH_TIMELINE_ROUNDS ?? 2);
  const out = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of Object.entries(pages)) {
      const { context, page } = await openPage(browser, url);
      const last = name === 'current' && round === rounds - 1;
      const trace = last && process.env.BENCH_TIMELINE_TRACE;
      const profile = last && process.env.BENCH_TIMELINE_PROFILE;
      const categories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];
      if (trace) await browser.startTracing(page, { path: resolve(trace), categories });
      const cdp = profile && (await page.context().newCDPSession(page));
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const figures = await step(`round ${round + 1}: timeline (${name})`, () =>
        page.evaluate(([n, steps]) => window.bench.timelineBench(n, steps), SMOKE ? [1000, 5] : [100_000, 120]),
      );
      if (trace) await browser.stopTracing();
      if (cdp) writeFileSync(resolve(profile), JSON.stringify((await cdp.send('Profiler.stop')).profile));
      out[name].push(figures);
      await context.close();
    }
  }
  await browser.close();
  console.log(JSON.stringify({ loadAverage: loadavg(), ...out }, null, 1));
}

try {
  if (ONLY_TIMELINE) {
    await timelineOnly();
    process.exit(pageErrors.length > 0 ? 1 : 0);
  }
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

  if (ONLY_OPEN) {
    // The text tower into this context's cache, as the earlier stages leave it.
    await step('text tower into the cache', () => page.evaluate(() => window.bench.appTextEncode(['warm up'])));
    await page.evaluate(() => window.bench.disposeApp());
    const open = await openStage(page);
    await browser.close();
    writeFileSync(resolve(MODELS, 'open-results.json'), JSON.stringify({ ...results, open }, null, 1));
    console.log(JSON.stringify(open, null, 2));
    server.close();
    process.exit(0);
  }
  const made = await step(`photos (${2 * PHOTOS + 2} x ${RUNS.photoSide} px)`, () =>
    page.evaluate((n) => window.bench.ensurePhotos(n), 2 * PHOTOS + 2),
  );
  if (made) log(`made ${made} photos in bench-photos/`);

  const run = (name, fn, arg) => step(name, () => page.evaluate(fn, arg));
  /** `run`, and the CPU time the browser's processes spent in it (ms), for figures that load cannot skew. */
  const runTimed = async (name, fn, arg) => {
    const cpu0 = treeCpuMs(process.pid); // the browser is this process's child: its processes are our descendants
    const out = await run(name, fn, arg);
    return { ...out, cpuMs: treeCpuMs(process.pid) - cpu0 };
  };
  if (ONLY_DECODE_PATHS) {
    const variants = ['bitmap-then-resize', 'shrink-on-load', 'shrink-on-load-vips', 'app-steps'];
    const passes = [];
    for (let pass = 0; pass < 2; pass++) {
      for (const variant of variants) {
        const r = await runTimed(
          `decode per photo: ${variant} (pass ${pass + 1})`,
          ([n, v]) => window.bench.decodePerPhoto(n, v),
          [PHOTOS, variant],
        );
        passes.push(r);
      }
    }
    await browser.close();
    const figures = summarizeDecodePaths(passes);
    writeFileSync(
      resolve(MODELS, 'decode-paths-results.json'),
      JSON.stringify({ ...results, figures, passes }, null, 1),
    );
    console.log(JSON.stringify(figures, null, 2));
    server.close();
    process.exit(0);
  }
  // Interleaved rounds: the machine's load drifts over minutes, so each round measures the ceilings, the usual way
  // and the app back to back, and every figure keeps its best round.
  const model = [];
  const decode = [];
  const usual = [];
  const app = [];
  for (let round = 0; round < RUNS.rounds; round++) {
    model.push(
      await run(`round ${round + 1}: model ceiling (bare ORT session)`, ([t, n]) => window.bench.modelCeiling(t, n), [
        threads,
        RUNS.ceiling,
      ]),
    );
    decode.push(
      await run(`round ${round + 1}: decode ceiling`, ([n, w]) => window.bench.decodeCeiling(n, w, 1), [
        PHOTOS,
        machine.cores,
      ]),
    );
    usual.push(
      await run(`round ${round + 1}: usual way`, ([n, t]) => window.bench.usualWay(n, t), [RUNS.usual, threads]),
    );
    app.push(
      await run(`round ${round + 1}: app indexing (Controller.import)`, ([n, r]) => window.bench.appIndexing(n, r), [
        PHOTOS,
        round,
      ]),
    );
  }
  const engine = await run('engine alone on crops', (n) => window.bench.engineOnly(n), RUNS.engine);
  const parity = await run(
    'shrink-on-load parity (crops and embeddings)',
    (n) => window.bench.shrinkParity(n),
    SMOKE ? 2 : 8,
  );
  if (ONLY_INDEXING) {
    await browser.close();
    const raw = { model, decode, usual, app, engine, parity };
    const figures = summarizeIndexing(raw);
    writeFileSync(
      resolve(MODELS, 'indexing-results.json'),
      JSON.stringify({ ...results, machine: results.machine, indexing: figures, raw }, null, 1),
    );
    console.log(JSON.stringify(figures, null, 2));
    server.close();
    process.exit(0);
  }
  const text = await run('text encoding (app engine)', (qs) => window.bench.appTextEncode(qs), [
    ...QUERIES,
    ...QUERIES,
  ]);
  const relabel = await run('relabel 10k', (n) => window.bench.relabelBench(n), RUNS.relabel);
  await page.evaluate(() => window.bench.disposeApp());
  // The engine against its own bare session, interleaved call by call on the same inputs (the app's engine is gone).
  const engineVsSession = await run(
    'engine vs its bare session (interleaved)',
    ([t, n, qs]) => window.bench.engineVsSession(t, n, qs),
    [threads, RUNS.engineVsSession, QUERIES],
  );
  const search = {};
  for (const n of SEARCH_SIZES) {
    const big = n >= 1_000_000;
    search[n] = await run(`search ${n}`, ([size, q, u]) => window.bench.searchBench(size, q, u), [
      n,
      SMOKE ? 2 : big ? 5 : 9,
      SMOKE ? 1 : big ? 3 : 5,
    ]);
  }
  const refineSize = SMOKE ? 1000 : 100_000;
  const refine = await run(
    `search ${refineSize}: 3 terms + 2 filters vs a plain query (search worker)`,
    ([size, q]) => window.bench.refineBench(size, q),
    [refineSize, SMOKE ? 2 : 15],
  );
  const relabel100k = await run(
    'relabel 100k x 20 labels (search worker)',
    ([n, size]) => window.bench.relabel100kBench(n, size),
    [RUNS.relabel, SMOKE ? 1000 : 100_000],
  );
  const duplicates = await run(
    'near-duplicates 100k (search worker)',
    ([n, size]) => window.bench.duplicatesBench(n, size),
    [SMOKE ? 1 : 3, SMOKE ? 1000 : 100_000],
  );
  const probe = await run(
    'linear probe: train 10k x 512, 10 classes; label 100k (probe worker)',
    ([n, train, label]) => window.bench.probeBench(n, train, label),
    SMOKE ? [1, 1000, 1000] : [3, 10_000, 100_000],
  );
  const timeline = await run(
    'timeline: scroll 100k photos by day (justified rows)',
    ([n, steps]) => window.bench.timelineBench(n, steps),
    SMOKE ? [1000, 5] : [100_000, 120],
  );
  const open = await openStage(page);
  await context.close();
  await browser.close();

  results.machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  const raw = {
    model,
    decode,
    usual,
    app,
    engine,
    parity,
    text,
    relabel,
    relabel100k,
    duplicates,
    probe,
    timeline,
    search,
    refine,
    open,
    engineVsSession,
  };
  mkdirSync(MODELS, { recursive: true });
  writeFileSync(resolve(MODELS, 'last-run-raw.json'), JSON.stringify(raw, null, 1));
  Object.assign(results, summarize(raw));
} finally {
  server.close();
}

const findings = readFileSync(resolve(ROOT, 'scripts/bench/findings.md'), 'utf8');
// The smoke run's figures are meaningless (toy models): they go next to its models, never into the reports.
const [resultsFile, reportFile] = SMOKE
  ? [resolve(MODELS, 'bench-results.json'), resolve(MODELS, 'BENCHMARKS.md')]
  : [resolve(ROOT, 'bench-results.json'), resolve(ROOT, 'BENCHMARKS.md')];
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
writeFileSync(reportFile, renderMarkdown(results, findings));
console.log(renderTable(results));
log(`wrote ${resultsFile} and ${reportFile}`);
if (SMOKE) {
  const problems = [
    ...pageErrors.map((e) => `page error: ${e}`),
    ...checkSmoke(results, { photos: PHOTOS, libraryPhotos: RUNS.library }),
  ];
  if (problems.length > 0) {
    log(`smoke run FAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  log('smoke run passed: every stage ran and reported sane figures');
}
