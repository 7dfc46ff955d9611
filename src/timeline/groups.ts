// Lane groups: clients are grouped by the ID prefix before a trailing `-`/`/` and run of digits
// (`sensor-12` → `sensor`, `site/7` → `site`); an ID without such a suffix is its own group. Inside a
// group lanes go in numeric order (sensor-2 before sensor-10).

const SUFFIX = /^(.+?)[-/](\d+)$/;

export function groupKeyOf(clientId: string): string {
  const m = SUFFIX.exec(clientId);
  return m === null ? clientId : m[1];
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
