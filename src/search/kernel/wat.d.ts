/** A WebAssembly text file compiled at build time (scripts/vite-plugin-wat.ts): the module's binary. */
declare module '*.wat?wasm-bytes' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
/** The same, with its shared memory made unshared (pages that are not cross-origin isolated). */
declare module '*.wat?wasm-bytes&unshared' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
