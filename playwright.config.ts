import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright's own browser downloads cannot reach their host here. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
// Without these, Chromium keeps trying to reach Google's services from a machine with no network.
const quiet = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Engineers running several builds at once give each its own port and build folder.
const port = Number(process.env.SHOEBOX_PORT ?? 4173);
const outDir = process.env.SHOEBOX_DIST ?? 'dist-e2e';

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: port === 4173 ? 'test-results' : `test-results/port-${port}`,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI: a 2-core machine under load can reorder two timings; Playwright still reports it as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  // The production build, so the real service worker and headers are what the tests see.
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --bypass-lock --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'wasm',
      grepInvert: /@webgpu/,
      use: { launchOptions: { executablePath, args: [...quiet, '--disable-gpu'] } },
    },
    {
      // A software WebGPU adapter: correct but ~50x slower than WASM, so only tiny inputs run here.
      name: 'webgpu',
      grep: /@webgpu/,
      use: { launchOptions: { executablePath, args: [...quiet, '--enable-unsafe-webgpu'] } },
    },
  ],
});
