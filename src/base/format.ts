// The one set of number and time formats of the page, the timeline and the command line: fixed, not
// locale-dependent, so tests and screenshots are stable. Times are ms unless the name says seconds.

const MINUTE = 60_000;

/** "12.500" → "12.5", "3.0" → "3"; a string without a point is left as it is. */
export function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Three significant figures, at most `decimals` decimals: 0.0501 → "0.05", 1234.5 → "1235". */
export function significant(n: number, decimals = 3): string {
  if (n === 0) return '0';
  const digits = Math.max(0, Math.min(decimals, 2 - Math.floor(Math.log10(Math.abs(n)))));
  return trimZeros(n.toFixed(digits));
}

/** 12345 → "12.3 s"; with `decimals` 3: "12.345 s". */
export function formatSeconds(ms: number, decimals = 1): string {
  return `${(ms / 1000).toFixed(decimals)} s`;
}

/** Seconds for a label, trailing zeros dropped, whole from 100 s: 15020 → "15.02 s", 40 → "0.04 s". */
export function formatSecondsBrief(ms: number, decimals = 2): string {
  const s = ms / 1000;
  return `${trimZeros(s.toFixed(Math.abs(s) >= 100 ? 0 : decimals))} s`;
}

/** Seconds on an axis with ticks `step` s apart: as many decimals as the step needs. */
export function formatSecondsAt(s: number, step: number): string {
  const digits = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return `${trimZeros(s.toFixed(digits))} s`;
}

/** An interval width: 500 → "500 ms", 15000 → "15 s", 300000 → "5 min", 7200000 → "2 h". */
export function formatInterval(ms: number): string {
  if (ms < 1000) return `${trimZeros(ms.toFixed(0))} ms`;
  if (ms < MINUTE) return `${trimZeros((ms / 1000).toFixed(1))} s`;
  if (ms < 3_600_000) return `${trimZeros((ms / MINUTE).toFixed(1))} min`;
  if (ms < 86_400_000) return `${trimZeros((ms / 3_600_000).toFixed(1))} h`;
  return `${trimZeros((ms / 86_400_000).toFixed(1))} d`;
}

/** A duration in seconds to three figures: 12.34 → "12.3 s", 754 → "12.6 min", 9000 → "2.5 h". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${significant(seconds)} s`;
  if (seconds < 7200) return `${significant(seconds / 60)} min`;
  if (seconds < 172_800) return `${significant(seconds / 3600)} h`;
  return `${significant(seconds / 86_400)} d`;
}

/** Decimals needed to tell apart times `step` ms apart, in seconds. */
function secondDecimals(step: number): number {
  if (step >= 1000) return 0;
  return Math.min(6, Math.max(1, Math.ceil(-Math.log10(step / 1000) - 1e-9)));
}

/** A tick label: "250 ms" below a second, "12.5 s", "1 min 30 s", "1 h 5 min". */
export function formatTick(time: number, step: number): string {
  // Rounding noise around zero (a window panned back to 0) is zero, not "−0".
  const ms = Math.abs(time) < 1e-6 ? 0 : time;
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (step < 1000 && a < 1000)
    return `${sign}${trimZeros(a.toFixed(Math.max(0, secondDecimals(step) - 3)))} ms`;
  if (a < MINUTE) return `${sign}${trimZeros((a / 1000).toFixed(secondDecimals(step)))} s`;
  const hours = Math.floor(a / 3_600_000);
  const minutes = Math.floor((a % 3_600_000) / MINUTE);
  const seconds = (a % MINUTE) / 1000;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0 || (hours > 0 && seconds > 0)) parts.push(`${minutes} min`);
  if (seconds > 0) parts.push(`${trimZeros(seconds.toFixed(secondDecimals(step)))} s`);
  return sign + (parts.length > 0 ? parts.join(' ') : '0 s');
}

/** A duration or time for labels and tooltips: "850 ms", "12.3 s", "2 min 5 s". */
export function formatTime(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return formatTick(ms, a < 10 ? 0.01 : a < 100 ? 0.1 : 1);
  if (a < MINUTE) return formatTick(ms, 1);
  return formatTick(Math.round(ms / 1000) * 1000, 1000);
}
