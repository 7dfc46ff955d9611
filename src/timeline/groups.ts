// Lane groups: clients are grouped by the ID prefix before a trailing `-`/`/` and run of digits
// (`sensor-12` → `sensor`, `site/7` → `site`); an ID without such a suffix is its own group. Inside a
// group lanes go in numeric order (sensor-2 before sensor-10).

const SUFFIX = /^(.+?)[-/](\d+)$/;

export function groupKeyOf(clientId: string): string {
  const m = SUFFIX.exec(clientId);
  return m === null ? clientId : m[1];
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * groupKeyOf and suffixNumberOf at once, without the regular expression (a fleet has 100 000 IDs):
 * the same answer as SUFFIX — a non-empty prefix without line terminators, `-` or `/`, then digits to
 * the end. `previousKey`: a key this function returned with a numeric suffix; when the ID's prefix is
 * the same text, that string is returned (a fleet's IDs come in runs of one group: no new string,
 * no check again, and a map finds it by its cached hash).
 */
export function groupAndSuffixOf(clientId: string, previousKey?: string): { key: string; suffix: number } {
  let q = clientId.length;
  while (q > 0) {
    const c = clientId.charCodeAt(q - 1);
    if (c < 48 || c > 57) break;
    q--;
  }
  const sep = q - 1;
  if (q === clientId.length || sep < 1) return { key: clientId, suffix: NaN };
  const s = clientId.charCodeAt(sep);
  if (s !== 45 && s !== 47) return { key: clientId, suffix: NaN };
  const same = previousKey !== undefined && previousKey.length === sep && clientId.startsWith(previousKey);
  const key = same ? previousKey : clientId.slice(0, sep);
  if (!same && LINE_TERMINATOR.test(key)) return { key: clientId, suffix: NaN };
  // Up to 15 digits the sum is exact (what Number() gives); longer runs go through Number().
  let suffix = 0;
  if (clientId.length - q <= 15)
    for (let i = q; i < clientId.length; i++) suffix = suffix * 10 + clientId.charCodeAt(i) - 48;
  else suffix = Number(clientId.slice(q));
  return { key, suffix };
}

/** The numeric suffix of an ID (NaN when it has none). */
export function suffixNumberOf(clientId: string): number {
  const m = SUFFIX.exec(clientId);
  return m === null ? NaN : Number(m[2]);
}

/** Natural order inside a group: by numeric suffix, then by ID. */
export function compareInGroup(a: string, na: number, b: string, nb: number): number {
  const aNum = !Number.isNaN(na);
  const bNum = !Number.isNaN(nb);
  if (aNum && bNum && na !== nb) return na - nb;
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
