// Interned strings: each distinct string stored once and named by a small integer, so a column of
// Int32 ids can stand for millions of repeated client IDs, topics and payloads.

export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  private chars = 0;

  /** The id of `s`, adding it if new. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(s, id);
      this.list.push(s);
      this.chars += s.length;
    }
    return id;
  }

  get(id: number): string {
    return this.list[id];
  }

  get values(): readonly string[] {
    return this.list;
  }

  /** Rough heap cost: UTF-16 text plus string, array slot and Map entry overheads. */
  memoryBytes(): number {
    return this.chars * 2 + this.list.length * 80;
  }
}
