/**
 * A number for display: at most `digits` significant digits, no trailing zeros, no float noise
 * (4.400000095367432 → "4.4"). Metadata values are float32, so 6 digits is all they honestly carry.
 */
export function formatNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/** A probability (0–1) as a percentage with one decimal: 0.9734 → "97.3%". */
export function formatPercent(probability: number): string {
  return `${(probability * 100).toFixed(1)}%`;
}

/** `value` rounded to `decimals` places, without trailing zeros: (5.005, 2) → 5.01 → "5.01". */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Kibibytes or mebibytes, one decimal: 12_345 → "12.1 KB", 3_400_000 → "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
