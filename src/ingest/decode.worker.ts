import * as Comlink from 'comlink';
import { decodePhoto, decodePhotoFromBitmap, decodePhotoFromPreview } from './decode';
import type { DecodeApi, DecodeResult } from './types';

/** The decode worker: messages -> calls. The logic lives in decode.ts. */

function withTransfer(result: DecodeResult): DecodeResult {
  return result.ok ? Comlink.transfer(result, [result.modelInput.buffer as ArrayBuffer]) : result;
}

const api: DecodeApi = {
  async decode(file, modelInputSide) {
    return withTransfer(await decodePhoto(file, modelInputSide));
  },
  async decodeFromBitmap(bitmap, file, decoder, modelInputSide) {
    return withTransfer(await decodePhotoFromBitmap(bitmap, file, decoder, modelInputSide));
  },
  async decodeFromPreview(file, reason, modelInputSide) {
    return withTransfer(await decodePhotoFromPreview(file, reason, modelInputSide));
  },
};

Comlink.expose(api);
