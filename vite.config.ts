import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { securityHeaders } from './scripts/security-headers';

// Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer); the same headers are set in
// dev and preview so tests run what users get.
export default defineConfig({
  plugins: [react()],
  server: { headers: securityHeaders, port: 5173, strictPort: true },
  preview: { headers: securityHeaders, port: 4173, strictPort: true },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
