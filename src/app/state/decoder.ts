import { DecodeClient } from '../../ingest/decodeClient';
import type { DecodeResult } from '../../ingest/types';

/** Decoding at the size the current model wants; one worker pool per input size (models rarely change). */
export interface Decoder {
  decode(file: File, side: number, signal: AbortSignal): Promise<DecodeResult>;
}

export function createDecoder(): Decoder {
  const pools = new Map<number, DecodeClient>();
  return {
    decode(file, side, signal) {
      let pool = pools.get(side);
      if (!pool) {
        pools.forEach((p) => p.dispose());
        pools.clear();
        pool = new DecodeClient({ modelInputSide: side });
        pools.set(side, pool);
      }
      return pool.decode(file, signal);
    },
  };
}
