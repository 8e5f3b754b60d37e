/** The heat map's full-intensity colour (sRGB 0–255); lighter shades are blends of it with white. */
const HEAT_RGB = [106, 47, 179] as const;

function channelLuminance(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(rgb: readonly number[]): number {
  return (
    0.2126 * channelLuminance(rgb[0]) + 0.7152 * channelLuminance(rgb[1]) + 0.0722 * channelLuminance(rgb[2])
  );
}

/** WCAG contrast ratio of two luminances. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * A confusion-matrix cell's colours: the background darkens with `count / max`, and the text is black or
 * white, whichever contrasts more (at least 4.5:1 on any shade). Opaque colours are used, not opacity, so
 * the contrast is the same on a light or dark page.
 */
export function heatColour(count: number, max: number): { background: string; color: string } {
  const share = max > 0 ? Math.min(1, Math.max(0, count / max)) : 0;
  // 0 stays a faint tint (not plain white) so empty cells still read as part of the grid.
  const strength = 0.04 + 0.96 * share;
  const rgb = HEAT_RGB.map((channel) => Math.round(255 + (channel - 255) * strength));
  const luminance = relativeLuminance(rgb);
  const color = contrastRatio(luminance, 1) >= contrastRatio(luminance, 0) ? '#ffffff' : '#000000';
  return { background: `rgb(${rgb.join(' ')})`, color };
}
