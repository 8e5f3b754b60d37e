import { describe, expect, it } from 'vitest';
import { type CellKind, contrastRatio, type HeatTheme, heatColour, relativeLuminance } from './heat-colour';

function parse(colour: string): number[] {
  if (colour.startsWith('#')) {
    return [1, 3, 5].map((at) => Number.parseInt(colour.slice(at, at + 2), 16));
  }
  return colour
    .replace(/[^\d ]/g, '')
    .trim()
    .split(/\s+/)
    .map(Number);
}

/** Hue in degrees (0–360) of an sRGB colour. */
function hue([r, g, b]: number[]): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

const THEMES: readonly HeatTheme[] = ['light', 'dark'];
const KINDS: readonly CellKind[] = ['correct', 'mistake'];

describe('heatColour', () => {
  it('keeps text at 4.5:1 or more on every cell, of both kinds, in both themes', () => {
    for (const theme of THEMES) {
      for (const kind of KINDS) {
        for (let count = 0; count <= 50; count++) {
          const { background, color } = heatColour(count, 50, kind, theme);
          const ratio = contrastRatio(relativeLuminance(parse(background)), relativeLuminance(parse(color)));
          expect(ratio, `${theme} ${kind} ${count}/50: ${color} on ${background}`).toBeGreaterThanOrEqual(
            4.5,
          );
        }
      }
    }
  });

  it('grows in intensity with the count: darker in the light theme, further from the surface in the dark', () => {
    for (const kind of KINDS) {
      const light = [1, 10, 25, 50].map((n) =>
        relativeLuminance(parse(heatColour(n, 50, kind, 'light').background)),
      );
      expect([...light].sort((a, b) => b - a)).toEqual(light);
      const dark = [1, 10, 25, 50].map((n) =>
        relativeLuminance(parse(heatColour(n, 50, kind, 'dark').background)),
      );
      expect([...dark].sort((a, b) => a - b)).toEqual(dark);
    }
  });

  it('paints mistakes in a hue far from right answers’ purple, at every count and in both themes', () => {
    for (const theme of THEMES) {
      for (const count of [1, 5, 20, 50]) {
        const correct = hue(parse(heatColour(count, 50, 'correct', theme).background));
        const mistake = hue(parse(heatColour(count, 50, 'mistake', theme).background));
        expect(hueDistance(correct, mistake), `${theme} ${count}`).toBeGreaterThanOrEqual(90);
      }
    }
  });

  it('keeps mistakes bright enough to read as orange, not brown, in both themes', () => {
    for (const theme of THEMES) {
      for (let count = 1; count <= 50; count++) {
        const rgb = parse(heatColour(count, 50, 'mistake', theme).background);
        // HSV value: a dark orange (the brightest channel well under 55%) is what the eye calls brown.
        expect(Math.max(...rgb) / 255, `${theme} ${count}/50: rgb(${rgb})`).toBeGreaterThanOrEqual(0.55);
      }
    }
  });

  it('never makes a dark-theme cell near-white, and keeps dark-theme text white', () => {
    for (const kind of KINDS) {
      for (let count = 0; count <= 50; count++) {
        const { background, color } = heatColour(count, 50, kind, 'dark');
        expect(relativeLuminance(parse(background))).toBeLessThan(0.2);
        expect(color === '#ffffff' || count === 0).toBe(true);
      }
    }
  });

  it('leaves 0 plainly empty: the surface with muted text, the same for both kinds', () => {
    for (const theme of THEMES) {
      const empty = heatColour(0, 10, 'correct', theme);
      expect(heatColour(0, 10, 'mistake', theme)).toEqual(empty);
      expect(heatColour(0, 0, 'mistake', theme)).toEqual(empty);
      expect(empty.background).toBe(theme === 'light' ? 'rgb(255 255 255)' : 'rgb(26 30 36)');
      // A single row is visibly not empty.
      const one = relativeLuminance(parse(heatColour(1, 1000, 'mistake', theme).background));
      expect(contrastRatio(one, relativeLuminance(parse(empty.background)))).toBeGreaterThan(1.2);
    }
  });
});
