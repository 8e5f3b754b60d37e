// The confusion matrix's colours, computed here rather than in CSS so the text colour of each cell can be
// chosen for contrast (and tested): one scale per theme and per kind of cell.

/** The theme a colour is for; the matrix sets both and lets `prefers-color-scheme` choose. */
export type HeatTheme = 'light' | 'dark';

/** On the diagonal a count is of right answers; off it, of mistakes. */
export type CellKind = 'correct' | 'mistake';

type Rgb = readonly [number, number, number];

/**
 * Where each scale starts (the card's surface, as `--petal-surface` in theme.ts) and ends (full
 * intensity): purple (the accent) for right answers, orange-red for mistakes, so a mistake never looks
 * like a right answer. In dark mode the scales rise from the dark surface to mid tones that keep white
 * text at 4.5:1, instead of the light theme's near-white pale cells glaring on a dark page.
 */
const SCALES: Readonly<Record<HeatTheme, { surface: Rgb; muted: string; ends: Record<CellKind, Rgb> }>> = {
  light: {
    surface: [255, 255, 255],
    muted: '#525a66',
    ends: { correct: [106, 47, 179], mistake: [194, 65, 12] },
  },
  dark: {
    surface: [26, 30, 36],
    muted: '#a9b0bb',
    ends: { correct: [130, 80, 220], mistake: [205, 70, 0] },
  },
};

/**
 * The least intensity of a count above 0, so a single row stands out from an empty cell; higher for
 * mistakes, so even one reads as orange: a pale tint of orange looks beige, and a dark one brown (on the
 * dark surface 0.4 gave rgb(98 46 22), brown beside a legend saying orange), so the dark theme starts
 * mistakes at a burnt orange, and right answers at a clear purple beside them (0.22 was a dull dark
 * violet that the mistakes outshone).
 */
const FLOOR: Readonly<Record<HeatTheme, Record<CellKind, number>>> = {
  light: { correct: 0.22, mistake: 0.4 },
  dark: { correct: 0.4, mistake: 0.7 },
};

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

export interface CellColours {
  readonly background: string;
  readonly color: string;
}

/**
 * A confusion-matrix cell's colours in one theme. 0 is plainly empty: the surface with muted text. Above
 * 0 the colour grows from a clear tint to full intensity with `count / max`, in its kind's hue, and the
 * text is black or white, whichever contrasts more (at least 4.5:1 on every shade, tested). Opaque colours,
 * not opacity, so the contrast does not depend on what is behind the table.
 */
export function heatColour(count: number, max: number, kind: CellKind, theme: HeatTheme): CellColours {
  const scale = SCALES[theme];
  if (!(count > 0) || !(max > 0)) {
    return { background: `rgb(${scale.surface.join(' ')})`, color: scale.muted };
  }
  const floor = FLOOR[theme][kind];
  const strength = floor + (1 - floor) * Math.min(1, count / max);
  const end = scale.ends[kind];
  const rgb = scale.surface.map((from, i) => Math.round(from + (end[i] - from) * strength));
  const luminance = relativeLuminance(rgb);
  const color = contrastRatio(luminance, 1) >= contrastRatio(luminance, 0) ? '#ffffff' : '#000000';
  return { background: `rgb(${rgb.join(' ')})`, color };
}
