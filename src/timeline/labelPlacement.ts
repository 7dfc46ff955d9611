// Where the timeline's text labels go. Every label a frame wants to draw (marker names, packet types,
// story labels) is a candidate with an anchor point and a priority; the placer takes them from the most
// important down and gives each the first free spot beside its anchor (right above, right below, left
// above, left below), shortened with an ellipsis when only a shorter text fits, or not at all. A placed
// label never overlaps another placed label or a reserved area (the marks themselves) and never leaves
// the plot: what does not fit is left to the tooltip and the inspector. Pure geometry: widths come from
// a character-width estimate, not from measureText, so the placement of a frame can be tested in Node.

/** A label a frame would like to draw. */
export interface LabelCandidate {
  text: string;
  /** The anchor: the mark the label names (px). */
  x: number;
  y: number;
  /** Half the size of the mark: the label keeps this far from the anchor. */
  gap: number;
  /** Higher is placed first. */
  priority: number;
  fontPx: number;
  /** The row the label describes (-1: none), for tests and hit testing. */
  row: number;
  /** Shortest text worth drawing (characters, ellipsis included); default 6. */
  minChars?: number;
  /** Place only to the right of the anchor (packet labels read along their arrow). */
  rightOnly?: boolean;
  /** Try below the anchor before above (an answer's label sits under the lane's centre line). */
  below?: boolean;
  /** Only on the preferred side (above, or below with `below`): a packet's side says its direction. */
  oneSide?: boolean;
}

export interface PlacedLabel {
  text: string;
  /** Box (px): left, top, width, height. Text is drawn left-aligned, vertically centred in it. */
  x: number;
  y: number;
  w: number;
  h: number;
  fontPx: number;
  row: number;
  priority: number;
}

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Width of `text` in a sans-serif font of `fontPx`: a deliberately generous per-character estimate
 * (wide capitals such as the packet names come close to it), so a placed label has room on screen.
 */
export function labelWidth(text: string, fontPx: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Capitals and digits run wider than lower case in every UI font.
    w += c >= 65 && c <= 90 ? 0.7 : c >= 48 && c <= 57 ? 0.6 : c === 32 ? 0.3 : 0.56;
  }
  return Math.ceil(w * fontPx) + 4;
}

/** `text` shortened with an ellipsis to at most `width` px, or '' when fewer than `minChars` fit. */
export function shortenTo(text: string, width: number, fontPx: number, minChars: number): string {
  if (labelWidth(text, fontPx) <= width) return text;
  for (let n = text.length - 1; n >= minChars - 1 && n > 0; n--) {
    const t = `${text.slice(0, n).trimEnd()}…`;
    if (labelWidth(t, fontPx) <= width) return t;
  }
  return '';
}

function overlaps(a: PlacedLabel | Bounds, x: number, y: number, w: number, h: number): boolean {
  if ('w' in a) return x < a.x + a.w && x + w > a.x && y < a.y + a.h && y + h > a.y;
  return x < a.x1 && x + w > a.x0 && y < a.y1 && y + h > a.y0;
}

/** Places labels one at a time; `place` returns the placed label or null. */
export class LabelPlacer {
  readonly placed: PlacedLabel[] = [];
  private readonly reserved: Bounds[] = [];

  constructor(readonly bounds: Bounds) {}

  /** Keeps labels off an area (a marker, a fault's bolt). */
  reserve(x0: number, y0: number, x1: number, y1: number): void {
    this.reserved.push({ x0, y0, x1, y1 });
  }

  private free(x: number, y: number, w: number, h: number): boolean {
    const b = this.bounds;
    if (x < b.x0 || y < b.y0 || x + w > b.x1 || y + h > b.y1) return false;
    for (const r of this.reserved) if (overlaps(r, x, y, w, h)) return false;
    for (const p of this.placed) if (overlaps(p, x, y, w, h)) return false;
    return true;
  }

  place(c: LabelCandidate): PlacedLabel | null {
    const h = Math.ceil(c.fontPx * 1.3);
    const minChars = c.minChars ?? 6;
    const full = labelWidth(c.text, c.fontPx);
    const right = c.x + c.gap + 2;
    const above = c.y - c.gap - h;
    const below = c.y + c.gap;
    const middle = c.y - h / 2;
    const [first, second] = c.below === true ? [below, above] : [above, below];
    const spots: { x: (w: number) => number; y: number; right: boolean }[] = [
      { x: () => right, y: first, right: true },
    ];
    if (c.oneSide !== true) {
      spots.push({ x: () => right, y: second, right: true }, { x: () => right, y: middle, right: true });
    }
    if (c.rightOnly !== true) {
      spots.push({ x: (w) => c.x - c.gap - 2 - w, y: first, right: false });
      if (c.oneSide !== true) spots.push({ x: (w) => c.x - c.gap - 2 - w, y: second, right: false });
    }
    for (const spot of spots) {
      const x = spot.x(full);
      if (this.free(x, spot.y, full, h)) return this.keep(c, c.text, x, spot.y, full, h);
    }
    // Only a shorter text fits: as much of it as there is room for to the right, above or below.
    for (const spot of spots) {
      if (!spot.right) continue;
      const x = spot.x(0);
      const room = this.roomRight(x, spot.y, h);
      if (room <= 0) continue;
      const text = shortenTo(c.text, room, c.fontPx, minChars);
      if (text === '') continue;
      const w = labelWidth(text, c.fontPx);
      if (this.free(x, spot.y, w, h)) return this.keep(c, text, x, spot.y, w, h);
    }
    return null;
  }

  /** Free width to the right of x for a box of height h starting at y. */
  private roomRight(x: number, y: number, h: number): number {
    let limit = this.bounds.x1;
    if (y < this.bounds.y0 || y + h > this.bounds.y1 || x < this.bounds.x0) return 0;
    const consider = (x0: number, y0: number, x1: number, y1: number): void => {
      if (y < y1 && y + h > y0 && x1 > x) limit = Math.min(limit, x0 > x ? x0 : x);
    };
    for (const r of this.reserved) consider(r.x0, r.y0, r.x1, r.y1);
    for (const p of this.placed) consider(p.x, p.y, p.x + p.w, p.y + p.h);
    return limit - x;
  }

  private keep(c: LabelCandidate, text: string, x: number, y: number, w: number, h: number): PlacedLabel {
    const p: PlacedLabel = { text, x, y, w, h, fontPx: c.fontPx, row: c.row, priority: c.priority };
    this.placed.push(p);
    return p;
  }
}

/** Places candidates from the highest priority down (ties: left to right, as given). */
export function placeLabels(placer: LabelPlacer, candidates: LabelCandidate[]): PlacedLabel[] {
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => candidates[b].priority - candidates[a].priority || a - b);
  for (const i of order) placer.place(candidates[i]);
  return placer.placed;
}
