import { describe, expect, it } from 'vitest';
import { needsManualOrientation } from './decode';
import { sha256Hex } from '../shared/hashing';

describe('needsManualOrientation', () => {
  const landscape = { width: 600, height: 400 };
  const portrait = { width: 400, height: 600 };

  it('trusts the browser for JPEG when the decoded size shows the rotation happened', () => {
    expect(needsManualOrientation('jpeg', 6, landscape, portrait)).toBe(false);
    expect(needsManualOrientation('jpeg', 3, landscape, landscape)).toBe(false);
  });
  it('orients a JPEG itself when the browser left a 5..8 photo as stored', () => {
    expect(needsManualOrientation('jpeg', 8, landscape, landscape)).toBe(true);
  });
  it('always orients WebP and TIFF itself (Chromium does not)', () => {
    expect(needsManualOrientation('webp', 6, landscape, landscape)).toBe(true);
    expect(needsManualOrientation('webp', 2, landscape, landscape)).toBe(true);
    expect(needsManualOrientation('tiff', 3, landscape, landscape)).toBe(true);
  });
  it('never re-orients formats whose container rotation the decoder applies, nor orientation 1', () => {
    expect(needsManualOrientation('heic', 6, landscape, landscape)).toBe(false);
    expect(needsManualOrientation('avif', 6, landscape, landscape)).toBe(false);
    expect(needsManualOrientation('webp', 1, landscape, landscape)).toBe(false);
  });
});

describe('sha256Hex', () => {
  it('hashes bytes to lowercase hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
