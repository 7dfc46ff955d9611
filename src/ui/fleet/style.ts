// The fleet strip's colours and fonts, from the timeline's palettes and in the timeline's own packet
// encoding: keep-alive traffic (PINGREQ/PINGRESP) in the keep-alive blue, drawn first and loudest (the
// story of this app), CONNECT/CONNACK in the control green, data receding in grey; connected clients as
// in the timeline's overview strip; rare events in their marker colours.

import type { Palette } from '../../timeline/theme';

export interface FleetStyle {
  readonly palette: Palette;
  /** By traffic group (TRAFFIC_GROUPS order: keep-alive, data, connect, other). */
  readonly traffic: readonly [string, string, string, string];
  /** Timeouts, wills, take-overs. */
  readonly events: readonly [string, string, string];
  readonly connectedFill: string;
  readonly connectedLine: string;
  /** Label text size, px (bigger in projector mode). */
  readonly fontPx: number;
  readonly font: string;
  readonly smallFont: string;
}

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** `fontPx`: the label size (from the page's font size: see labelSizeFor). */
export function fleetStyle(palette: Palette, fontPx: number): FleetStyle {
  const size = Math.max(9, Math.round(fontPx));
  return {
    palette,
    traffic: [palette.packetC2b, palette.data, palette.control, palette.mutedText],
    events: [palette.timeout, palette.will, palette.takeover],
    connectedFill: palette.overviewFill,
    connectedLine: palette.overviewLine,
    fontPx: size,
    font: `${size}px ${FAMILY}`,
    smallFont: `${size - 1}px ${FAMILY}`,
  };
}

/** The timeline's label size at the page's normal font size (14 px). */
const BASE_LABEL_PX = 12;
const BASE_PAGE_PX = 14;

/**
 * Canvas label size for the page's font size: the timeline's 12 px normally, growing with the page's
 * text (19 px in projector mode → 16 px).
 */
export function labelSizeFor(pageFontPx: number): number {
  const page = Number.isFinite(pageFontPx) && pageFontPx > 0 ? pageFontPx : BASE_PAGE_PX;
  return Math.max(10, Math.round((page * BASE_LABEL_PX) / BASE_PAGE_PX));
}
