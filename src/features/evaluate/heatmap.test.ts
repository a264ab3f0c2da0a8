import { describe, expect, it } from 'vitest';
import { cellInk, cellRgb, contrastRatio, themed, type Theme } from './heatmap';

const shares = Array.from({ length: 101 }, (_, i) => i / 100);
const themes: Theme[] = ['light', 'dark'];

describe('the confusion heat map colours', () => {
  it('give every count at least 4.5:1 against its cell, in both themes', () => {
    for (const theme of themes) {
      for (const diagonal of [true, false]) {
        for (const share of shares) {
          const ratio = contrastRatio(cellInk(share, diagonal, theme), cellRgb(share, diagonal, theme));
          expect(ratio, `${theme} ${diagonal ? 'right' : 'wrong'} ${share}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it('start from the theme panel colour and grow stronger with the share', () => {
    expect(cellRgb(0, true, 'light')).toEqual([233, 237, 242]);
    expect(cellRgb(0, true, 'dark')).toEqual([40, 51, 66]);
    const light = (s: number) => contrastRatio(cellRgb(s, true, 'light'), cellRgb(0, true, 'light'));
    expect(light(0.2)).toBeLessThan(light(0.6));
    expect(light(0.6)).toBeLessThan(light(1));
  });

  it('write a cell for the page as light-dark(), light first', () => {
    expect(themed((theme) => cellRgb(1, false, theme))).toBe('light-dark(rgb(190 48 36), rgb(255 98 82))');
  });

  it('computes WCAG contrast (black on white is 21:1)', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });
});
