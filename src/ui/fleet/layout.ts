// Where the fleet strip's tracks go (CSS pixels), top to bottom: connected clients, packets per second
// by type, then a caption and one row each for timeouts, wills and take-overs. The plot spans the
// timeline's own x range — [gutter, width − 8] — so a time is at the same x in both; heights scale with
// the label size (projector mode).

export interface Band {
  readonly y: number;
  readonly h: number;
}

export interface FleetLayout {
  readonly width: number;
  readonly height: number;
  readonly gutter: number;
  readonly plotX0: number;
  readonly plotX1: number;
  readonly fontPx: number;
  readonly connected: Band;
  readonly traffic: Band;
  /** The rare events' caption line ("per 15 s · max 2"). */
  readonly caption: Band;
  /** Timeouts, wills, take-overs. */
  readonly events: readonly [Band, Band, Band];
}

/** Same right margin as the timeline's plot (geometry.ts). */
export const RIGHT_MARGIN = 8;

export function fleetLayout(width: number, gutter: number, fontPx: number): FleetLayout {
  const w = Math.max(1, Math.floor(width));
  const u = fontPx;
  const line = Math.round(u * 1.2);
  const gap = Math.max(3, Math.round(u * 0.4));
  let y = Math.max(2, Math.round(u * 0.3));
  const band = (h: number, after = gap): Band => {
    const b = { y, h };
    y += h + after;
    return b;
  };
  // Two label lines for connected clients; four for traffic (label, scale, legend × 2).
  const connected = band(2 * line + 4);
  const traffic = band(4 * line + 4);
  const caption = band(line, 0);
  const rowH = Math.round(u * 1.3);
  const events: [Band, Band, Band] = [band(rowH, 1), band(rowH, 1), band(rowH, 0)];
  const x0 = Math.min(Math.max(0, gutter), w - 1);
  return {
    width: w,
    height: y + Math.max(2, Math.round(u * 0.3)),
    gutter: x0,
    plotX0: x0,
    plotX1: Math.max(x0 + 1, w - RIGHT_MARGIN),
    fontPx,
    connected,
    traffic,
    caption,
    events,
  };
}

/** x (px) of time t for the window [t0, t1]: the timeline's mapping. */
export function xAt(layout: FleetLayout, t0: number, t1: number, t: number): number {
  return layout.plotX0 + ((t - t0) * (layout.plotX1 - layout.plotX0)) / Math.max(1e-9, t1 - t0);
}
