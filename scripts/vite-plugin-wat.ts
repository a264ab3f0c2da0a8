import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';
import type { Plugin } from 'vite';

const SUFFIX = '?wasm-bytes';
const UNSHARED = '?wasm-bytes&unshared';
const FEATURES = { simd: true, threads: true };

/**
 * Hand-written WebAssembly text compiled at build time: `import bytes from './x.wat?wasm-bytes'` gives the module's
 * binary as a Uint8Array, in the app build, the dev server, the bench and Vitest alike; no binary is checked in.
 * `?wasm-bytes&unshared` compiles the same text with every `shared` memory made unshared, for pages that are not
 * cross-origin isolated (a shared memory needs isolation; the code is otherwise the same).
 */
export function watPlugin(): Plugin {
  const wabt = wabtInit();
  return {
    name: 'shoebox-wat',
    enforce: 'pre',
    async load(id) {
      const unshared = id.endsWith(UNSHARED);
      if (!unshared && !id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -(unshared ? UNSHARED : SUFFIX).length);
      this.addWatchFile(file);
      let text = await readFile(file, 'utf8');
      if (unshared) text = text.replace(/(\(memory\b(?:[^()]|\([^()]*\))*?)\s+shared\)/g, '$1)');
      const module = (await wabt).parseWat(file, text, FEATURES);
      try {
        // wabt.js validates with the features it is given (its types leave the parameter out).
        (module.validate as (this: typeof module, features: typeof FEATURES) => void).call(module, FEATURES);
        const { buffer } = module.toBinary({ log: false });
        const base64 = Buffer.from(buffer).toString('base64');
        return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
      } finally {
        module.destroy();
      }
    },
  };
}
