import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { watPlugin } from '../vite-plugin-wat';

// The bench page: its own entry under scripts/bench/page, importing the app's modules from src/, built outside the
// product bundle (into bench-models/page: gitignored, one per checkout, never overwritten by the app's build).
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  plugins: [watPlugin()],
  worker: { format: 'es', plugins: () => [watPlugin()] },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../../bench-models/page', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8192,
    minify: false,
  },
});
