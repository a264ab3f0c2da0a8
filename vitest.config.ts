import { defineConfig } from 'vitest/config';
import { watPlugin } from './scripts/vite-plugin-wat';

export default defineConfig({
  plugins: [watPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
