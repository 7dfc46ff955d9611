// The rows of a comparison, and how one kind of fact (timeouts, wills, take-overs) becomes rows: a
// count row, then a row per pair. Shared by compare.ts and the rows of each kind.

export interface CompareRow {
  /** A client ID, or "" for rows about the traces as a whole. */
  client: string;
  aspect: string;
  a: string;
  b: string;
  ok: boolean;
  /** Why it differs, or what it was checked against. */
  note: string;
}

export const count = (n: number, what: string): string => (n === 0 ? 'none' : `${n} ${what}`);

export const hex = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;

/** How one kind of fact (timeouts, wills, take-overs) is compared: a count row, then a row per pair. */
export interface Pairing<F> {
  /** The count row's aspect, how a count reads, and the note when the counts differ. */
  aspect: string;
  summary(n: number): string;
  mismatch: string;
  /** Each pair's row is "  <item> #i". */
  item: string;
  describe(f: F): string;
  /** What disagrees in a pair, and the note when nothing does. */
  check(x: F, y: F): { problems: string[]; note: string };
}

export function comparePairs<F>(client: string, a: F[], b: F[], p: Pairing<F>, rows: CompareRow[]): void {
  const same = a.length === b.length;
  rows.push({
    client,
    aspect: p.aspect,
    a: p.summary(a.length),
    b: p.summary(b.length),
    ok: same,
    note: same ? '' : p.mismatch,
  });
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const { problems, note } = p.check(a[i], b[i]);
    rows.push({
      client,
      aspect: `  ${p.item} #${i + 1}`,
      a: p.describe(a[i]),
      b: p.describe(b[i]),
      ok: problems.length === 0,
      note: problems.length > 0 ? problems.join('; ') : note,
    });
  }
}
