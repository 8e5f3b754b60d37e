import { describe, expect, it } from 'vitest';
import { contrastRatio, heatColour, relativeLuminance } from './heat-colour';

function parse(rgb: string): number[] {
  return rgb
    .replace(/[^\d ]/g, '')
    .trim()
    .split(/\s+/)
    .map(Number);
}

describe('heatColour', () => {
  it('darkens with the count and keeps text readable (≥ 4.5:1) at every shade', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let count = 0; count <= 50; count++) {
      const { background, color } = heatColour(count, 50);
      const luminance = relativeLuminance(parse(background));
      expect(luminance).toBeLessThanOrEqual(previous);
      previous = luminance;
      const text = color === '#ffffff' ? 1 : 0;
      expect(contrastRatio(luminance, text)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses white text on the darkest cell and black on empty ones', () => {
    expect(heatColour(10, 10).color).toBe('#ffffff');
    expect(heatColour(0, 10).color).toBe('#000000');
    expect(heatColour(0, 0).color).toBe('#000000');
  });
});
