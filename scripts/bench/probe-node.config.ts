import { defineConfig } from 'rolldown';
import { watPlugin } from '../vite-plugin-wat';

// probe-node.ts bundled for Node, with the probe's WASM kernel compiled from its text as in the app.
export default defineConfig({
  input: 'scripts/bench/probe-node.ts',
  platform: 'node',
  plugins: [watPlugin()],
  output: { format: 'esm', file: process.env.PROBE_NODE_OUT },
});
