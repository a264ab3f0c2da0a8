import { DecodeClient } from '../../ingest/decodeClient';
import type { Decoder } from './importSlice';

/** Decoding at the size the current model wants; one worker pool per input size (models rarely change). */
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
