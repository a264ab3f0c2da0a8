// The search part of `npm run bench` alone: rank at each size through the search worker beside the plain-JS scan,
// the main thread's longest task during 1M searches, and 100k x 20 labels. No models needed. Prints the figures
// as bench-results.json would hold them and the table rows; writes nothing.
//   npx vite build --config scripts/bench/vite.bench.config.ts && node scripts/bench/search.mjs
import { chromium } from '@playwright/test';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relabel100kFigures, relabel100kRow, searchRows, searchWorkerFigures } from './report.mjs';
import { startServer } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const server = await startServer([['/', resolve(ROOT, 'bench-models/page')]]);
const log = (...args) => console.error(`[bench search ${new Date().toISOString().slice(11, 19)}]`, ...args);
try {
  const browser = await chromium.launch({
    executablePath: process.env.BENCH_CHROMIUM ?? '/usr/lib/chromium/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && log('console:', m.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => 'bench' in window);
  const machine = await page.evaluate(() => ({
    cores: navigator.hardwareConcurrency,
    isolated: self.crossOriginIsolated,
  }));
  log('machine', JSON.stringify(machine));
  const out = { machine, search: {} };
  const rows = [];
  for (const n of SIZES) {
    log(`search ${n} ...`);
    const big = n >= 1_000_000;
    const s = await page.evaluate(
      ([size, q, u]) => window.bench.searchBench(size, q, u),
      [n, big ? 5 : 9, big ? 3 : 5],
    );
    out.search[n] = {
      rankMs: s.rankMs,
      rankTop50Ms: s.rankTop50Ms,
      usualRankMs: s.usualRankMs,
      agreementAt50: s.agreementAt50,
      minAgreementAt50: s.minAgreementAt50,
      ...searchWorkerFigures(s),
    };
    rows.push(...searchRows(n, out.search[n]));
  }
  log('relabel 100k ...');
  out.relabel100k = relabel100kFigures(await page.evaluate(() => window.bench.relabel100kBench(5)));
  rows.push(relabel100kRow(out.relabel100k));
  await browser.close();
  console.log(JSON.stringify(out, null, 2));
  console.log(rows.map((r) => r.join(' | ')).join('\n'));
} finally {
  server.close();
}
