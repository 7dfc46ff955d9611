/** "Power loss vs crash" → "power-loss-vs-crash": a trace's name, and the stem of its file. */
export function fileStem(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/\.trace\.jsonl$|\.jsonl$|\.json$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'trace' : stem;
}
