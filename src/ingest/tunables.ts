/** Numbers that shape ingest, in one place. */

/** Long side of a gallery thumbnail, in pixels. */
export const THUMBNAIL_LONG_SIDE = 320;
/** Thumbnail encoding; Chromium encodes WebP, others fall back to JPEG. */
export const THUMBNAIL_TYPE = 'image/webp';
export const THUMBNAIL_QUALITY = 0.82;
/** Side of the square model input (CLIP). */
export const MODEL_INPUT_SIDE = 224;
/** Pictures claiming more pixels than this are decoded scaled down (where the format allows) ... */
export const MAX_DIRECT_DECODE_PIXELS = 100_000_000;
/** ... and pictures claiming more than this are refused as "too large". */
export const MAX_DECODE_PIXELS = 400_000_000;
/** Long side that over-budget pictures are scaled to while decoding. */
export const SCALED_DECODE_LONG_SIDE = 4096;
/**
 * Large JPEGs are decoded shrink-on-load (the browser's ImageDecoder where it scales, else libvips in WASM) at the
 * smallest DCT scale that still covers the model crop and the thumbnail (BENCHMARKS.md: about 2x less CPU on 12 MP).
 */
export const SHRINK_ON_LOAD = true;
/** Decode workers: a small pool, pictures are decoded off the main thread. */
export const MAX_DECODE_WORKERS = 2;
/** ... and with the model on WebGPU, where decoding is the CPU's only big job (coreBudget.ts decides). */
export const MAX_DECODE_WORKERS_WEBGPU = 4;
/** Folder depth beyond which a walk stops (symlink loops, pathological trees). */
export const MAX_WALK_DEPTH = 32;
/** A file that takes longer than this to decode is reported and its worker replaced (a hung decoder). */
export const DECODE_TIMEOUT_MS = 90_000;
