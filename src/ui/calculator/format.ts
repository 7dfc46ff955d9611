// Number formats of the calculator (fixed, not locale-dependent, so tests and screenshots are stable).

const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Three significant figures, at most `decimals` decimals: 0.0501 → "0.0501", 1234.5 → "1235". */
export function sig(n: number, decimals = 3): string {
  if (n === 0) return '0';
  const digits = Math.max(0, Math.min(decimals, 2 - Math.floor(Math.log10(Math.abs(n)))));
  return trim(n.toFixed(digits));
}

/** 12.34 → "12.3 s", 754 → "12.6 min", 9000 → "2.5 h". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${sig(seconds)} s`;
  if (seconds < 7200) return `${sig(seconds / 60)} min`;
  if (seconds < 172_800) return `${sig(seconds / 3600)} h`;
  return `${sig(seconds / 86_400)} d`;
}

/** A detection delay for the table: 60.05 → "60.05 s", 4500.05 → "75 min". */
export function formatDelay(seconds: number): string {
  return seconds < 120 ? `${seconds.toFixed(2)} s` : formatDuration(seconds);
}

/** 120960 → "121 kB" (SI, 1 kB = 1000 bytes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? sig(v, 0) : sig(v)} ${units[u]}`;
}

/** 1234567 → "1,234,567"; fractions to three significant figures. */
export function formatNumber(n: number): string {
  if (Math.abs(n) >= 1000) return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sig(n);
}

/** Compact tick labels: 5 → "5", 1500 → "1.5k", 2e6 → "2M". */
export function formatTick(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units)
    if (Math.abs(n) >= size) return `${trim((n / size).toFixed(1))}${suffix}`;
  return trim(n >= 1 || n === 0 ? n.toFixed(1) : n.toPrecision(1));
}
