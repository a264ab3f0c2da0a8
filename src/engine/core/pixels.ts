/** How a model wants its pixels: read from the model's own `preprocessor_config.json`. */
export interface PixelSpec {
  /** Side of the square input (CLIP: 224). */
  readonly size: number;
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** Multiply 0..255 by this before normalizing (1/255 for CLIP). */
  readonly rescale: number;
}

/**
 * Turns square RGBA crops (already resized shortest-edge and center-cropped by the decoder) into one `pixel_values`
 * batch, NCHW float32, normalized. Doing this ourselves keeps transformers.js from padding non-square pictures.
 */
export function rgbaToPixelValues(crops: readonly Uint8ClampedArray[], spec: PixelSpec): Float32Array {
  const plane = spec.size * spec.size;
  const out = new Float32Array(crops.length * 3 * plane);
  crops.forEach((rgba, n) => {
    if (rgba.length !== plane * 4) {
      throw new Error(`expected a ${spec.size}x${spec.size} RGBA crop, got ${rgba.length} bytes`);
    }
    const base = n * 3 * plane;
    for (let c = 0; c < 3; c++) {
      const scale = spec.rescale / spec.std[c]!;
      const shift = spec.mean[c]! / spec.std[c]!;
      const dst = base + c * plane;
      for (let i = 0; i < plane; i++) out[dst + i] = rgba[i * 4 + c]! * scale - shift;
    }
  });
  return out;
}

/** Reads the fields Shoebox needs from a transformers.js image processor (its parsed preprocessor config). */
export function pixelSpecFromProcessorConfig(config: Record<string, unknown>): PixelSpec {
  const size = squareSide(config['crop_size']) ?? squareSide(config['size']) ?? 224;
  const doNormalize = config['do_normalize'] !== false;
  const doRescale = config['do_rescale'] !== false;
  const mean = doNormalize ? triple(config['image_mean'], 0) : ([0, 0, 0] as const);
  const std = doNormalize ? triple(config['image_std'], 1) : ([1, 1, 1] as const);
  const rescale = doRescale ? Number(config['rescale_factor'] ?? 1 / 255) : 1;
  return { size, mean, std, rescale };
}

function squareSide(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const side = v['height'] ?? v['shortest_edge'] ?? v['width'];
    if (typeof side === 'number') return side;
  }
  return undefined;
}

function triple(value: unknown, fallback: number): readonly [number, number, number] {
  if (Array.isArray(value) && value.length === 3) return [Number(value[0]), Number(value[1]), Number(value[2])];
  if (typeof value === 'number') return [value, value, value];
  return [fallback, fallback, fallback];
}
