// How numbers read in a lesson's text: at most two decimals with trailing zeros trimmed (15.02, 90,
// 0.5), the same on every platform (no locale); reason codes as hex when a ref asks for `…Hex`.

/** 15.0234 → "15.02", 90 → "90", 0.5 → "0.5", -0.001 → "0". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  // Math.round(-0.1) is -0; JSON and people write 0.
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** 142 → "0x8E", 4 → "0x04". */
export function formatHex(value: number): string {
  return `0x${Math.round(value).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Facts are rounded to the microsecond (6 decimals of a second) so that 35021.542 − 20021.542 ms is 15 s. */
export function roundFact(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
