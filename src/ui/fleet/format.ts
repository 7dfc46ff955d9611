// Numbers of the fleet strip: short enough for a 136 px gutter, fixed (not locale-dependent) so tests
// and screenshots are stable.

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** 3412 → "3.4 k", 100000 → "100 k", 2500000 → "2.5 M", 0.25 → "0.25", 12 → "12". */
export function formatCompact(n: number): string {
  const a = Math.abs(n);
  if (!Number.isFinite(n)) return '–';
  if (a < 10) return trim(n.toFixed(a < 1 ? 2 : 1));
  if (a < 1000) return String(Math.round(n));
  if (a < 1e6) return `${trim((n / 1e3).toFixed(a < 1e4 ? 1 : 0))} k`;
  if (a < 1e9) return `${trim((n / 1e6).toFixed(a < 1e7 ? 1 : 0))} M`;
  return `${trim((n / 1e9).toFixed(1))} G`;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Seconds with the decimals a value needs: 90 → "90 s", 7.25 → "7.25 s", 15.5 → "15.5 s". */
export function formatSecondsShort(s: number): string {
  const digits = Math.abs(s) >= 100 ? 0 : Math.abs(s) >= 10 ? 1 : 2;
  return `${trim(s.toFixed(digits))} s`;
}

/** An interval width: 500 → "500 ms", 15000 → "15 s", 300000 → "5 min", 7200000 → "2 h". */
export function formatInterval(ms: number): string {
  if (ms < 1000) return `${trim(ms.toFixed(0))} ms`;
  if (ms < 60_000) return `${trim((ms / 1000).toFixed(1))} s`;
  if (ms < 3_600_000) return `${trim((ms / 60_000).toFixed(1))} min`;
  if (ms < 86_400_000) return `${trim((ms / 3_600_000).toFixed(1))} h`;
  return `${trim((ms / 86_400_000).toFixed(1))} d`;
}

/** Seconds on an axis with ticks `step` s apart: as many decimals as the step needs. */
export function formatSecondsAt(s: number, step: number): string {
  const digits = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return `${trim(s.toFixed(digits))} s`;
}
