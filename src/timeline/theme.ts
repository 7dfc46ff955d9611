// Colours for the light and dark themes. Marks use the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies) and never rely on colour alone: each marker kind has its own
// shape. Heat strips use viridis (perceptually ordered, colour-blind safe).

import { interpolateViridis, rgb } from 'd3';

export type ThemeName = 'light' | 'dark';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export interface Palette {
  readonly name: ThemeName;
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly grid: string;
  readonly laneStripe: string;
  readonly brokerLane: string;
  readonly groupHeader: string;
  readonly separator: string;
  /** PINGREQ (client → broker) and PINGRESP: the keep-alive traffic. */
  readonly packetC2b: string;
  readonly packetB2c: string;
  /** CONNECT, CONNACK, DISCONNECT, SUBSCRIBE, …: connection control. */
  readonly control: string;
  /** PUBLISH and its acknowledgements: data, drawn to recede. */
  readonly data: string;
  readonly lost: string;
  readonly timeout: string;
  readonly will: string;
  readonly takeover: string;
  readonly fault: string;
  readonly session: string;
  readonly connOpen: string;
  readonly connClose: string;
  readonly spanOpen: string;
  readonly spanHalfOpen: string;
  readonly spanTransient: string;
  readonly spanClosed: string;
  /** Fill of a session the broker keeps while its client is offline. */
  readonly sessionKept: string;
  readonly bandClient: string;
  readonly bandBroker: string;
  readonly overviewFill: string;
  readonly overviewLine: string;
  readonly windowFill: string;
  readonly windowStroke: string;
  readonly selection: string;
  readonly selectionFill: string;
  readonly hover: string;
  /** The highlighter a lesson step or Find uses on lanes and marks. */
  readonly highlight: string;
  readonly playhead: string;
  readonly tooltipBackground: string;
  readonly tooltipText: string;
  /** 256 RGBA entries: heat colour for a normalised density (index 0 = nothing: transparent). */
  readonly heat: Uint8ClampedArray;
  readonly font: string;
  readonly smallFont: string;
  /** Pixel sizes of `font` and `smallFont` (label widths are estimated from them). */
  readonly fontPx: number;
  readonly smallFontPx: number;
  /**
   * How much larger than normal text, lines and marks are drawn: 1 on a desk, more in projector mode
   * (the page's own text grows too, and a canvas of 10 px text would be the one thing left unreadable).
   */
  readonly scale: number;
}

function heatRamp(reverse: boolean): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 1; i < 256; i++) {
    const v = 0.08 + 0.92 * (i / 255);
    const c = rgb(interpolateViridis(reverse ? 1 - v : v));
    lut[i * 4] = c.r;
    lut[i * 4 + 1] = c.g;
    lut[i * 4 + 2] = c.b;
    lut[i * 4 + 3] = 255;
  }
  return lut;
}

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_PX = 12;
const SMALL_FONT_PX = 11;
const FONT = `${FONT_PX}px ${FAMILY}`;
const SMALL_FONT = `${SMALL_FONT_PX}px ${FAMILY}`;

export const LIGHT: Palette = {
  name: 'light',
  background: '#ffffff',
  text: '#1b1f24',
  mutedText: '#5b6573',
  grid: '#e3e7ec',
  laneStripe: '#f5f7f9',
  brokerLane: '#eaf1f7',
  groupHeader: '#e8ecf1',
  separator: '#c9d1da',
  packetC2b: OKABE_ITO.blue,
  packetB2c: '#2a8fc7',
  control: '#00785a',
  data: '#98a2ae',
  lost: OKABE_ITO.vermillion,
  timeout: OKABE_ITO.vermillion,
  will: OKABE_ITO.reddishPurple,
  takeover: OKABE_ITO.orange,
  fault: '#1b1f24',
  session: '#5b6573',
  connOpen: OKABE_ITO.bluishGreen,
  connClose: '#5b6573',
  spanOpen: 'rgba(0, 158, 115, 0.13)',
  spanHalfOpen: 'rgba(213, 94, 0, 0.30)',
  spanTransient: 'rgba(91, 101, 115, 0.14)',
  spanClosed: '#b5bdc7',
  sessionKept: 'rgba(91, 101, 115, 0.12)',
  bandClient: 'rgba(86, 180, 233, 0.40)',
  bandBroker: 'rgba(230, 159, 0, 0.40)',
  overviewFill: 'rgba(0, 114, 178, 0.25)',
  overviewLine: OKABE_ITO.blue,
  windowFill: 'rgba(27, 31, 36, 0.08)',
  windowStroke: '#1b1f24',
  selection: '#1b1f24',
  selectionFill: 'rgba(0, 114, 178, 0.12)',
  hover: 'rgba(27, 31, 36, 0.5)',
  highlight: 'rgba(240, 228, 66, 0.55)',
  playhead: OKABE_ITO.vermillion,
  tooltipBackground: 'rgba(27, 31, 36, 0.92)',
  tooltipText: '#ffffff',
  heat: heatRamp(true),
  font: FONT,
  smallFont: SMALL_FONT,
  fontPx: FONT_PX,
  smallFontPx: SMALL_FONT_PX,
  scale: 1,
};

export const DARK: Palette = {
  name: 'dark',
  background: '#14171c',
  text: '#e6e9ed',
  mutedText: '#9aa5b1',
  grid: '#262c34',
  laneStripe: '#1a1e24',
  brokerLane: '#1d2833',
  groupHeader: '#222932',
  separator: '#39424d',
  packetC2b: OKABE_ITO.skyBlue,
  packetB2c: '#8fd0f5',
  control: '#3fc59c',
  data: '#6b7683',
  lost: OKABE_ITO.vermillion,
  timeout: '#ff7a2f',
  will: OKABE_ITO.reddishPurple,
  takeover: OKABE_ITO.orange,
  fault: '#e6e9ed',
  session: '#9aa5b1',
  connOpen: OKABE_ITO.bluishGreen,
  connClose: '#9aa5b1',
  spanOpen: 'rgba(0, 158, 115, 0.20)',
  spanHalfOpen: 'rgba(255, 122, 47, 0.38)',
  spanTransient: 'rgba(154, 165, 177, 0.16)',
  spanClosed: '#4a545f',
  sessionKept: 'rgba(154, 165, 177, 0.16)',
  bandClient: 'rgba(86, 180, 233, 0.38)',
  bandBroker: 'rgba(230, 159, 0, 0.40)',
  overviewFill: 'rgba(86, 180, 233, 0.30)',
  overviewLine: OKABE_ITO.skyBlue,
  windowFill: 'rgba(230, 233, 237, 0.10)',
  windowStroke: '#e6e9ed',
  selection: '#ffffff',
  selectionFill: 'rgba(86, 180, 233, 0.16)',
  hover: 'rgba(230, 233, 237, 0.55)',
  highlight: 'rgba(240, 228, 66, 0.35)',
  playhead: '#ff7a2f',
  tooltipBackground: 'rgba(240, 242, 245, 0.95)',
  tooltipText: '#14171c',
  heat: heatRamp(false),
  font: FONT,
  smallFont: SMALL_FONT,
  fontPx: FONT_PX,
  smallFontPx: SMALL_FONT_PX,
  scale: 1,
};

/** Projector mode draws the canvas this much larger (the page's text grows from 14 to 19 px). */
export const PROJECTOR_SCALE = 1.6;

const scaled = new Map<string, Palette>();

/** The palette of a theme, with text sized for `scale` (1: normal; PROJECTOR_SCALE: projector). */
export function paletteFor(theme: ThemeName, scale = 1): Palette {
  const base = theme === 'dark' ? DARK : LIGHT;
  if (scale === 1) return base;
  const key = `${theme}:${scale}`;
  let p = scaled.get(key);
  if (p === undefined) {
    const fontPx = Math.round(FONT_PX * scale);
    const smallFontPx = Math.round(SMALL_FONT_PX * scale);
    p = {
      ...base,
      font: `${fontPx}px ${FAMILY}`,
      smallFont: `${smallFontPx}px ${FAMILY}`,
      fontPx,
      smallFontPx,
      scale,
    };
    scaled.set(key, p);
  }
  return p;
}
