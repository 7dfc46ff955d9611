// Marker shapes, one per kind so colour is never the only cue: timeout ▼ (vermillion), will ◆
// (reddish purple), take-over ■ with an arrow (orange), fault ⚡ (ink), session ○, connection change
// | (green when opened, grey when closed), lost packet ✕ (vermillion).

import { decodeConnCode } from '../../trace/codes';
import type { TimelineModel } from '../model';
import {
  KIND_CONN,
  KIND_FAULT,
  KIND_PACKET,
  KIND_SESSION,
  KIND_TAKEOVER,
  KIND_TIMEOUT,
  KIND_WILL,
} from '../priority';
import type { Palette } from '../theme';
import type { Draw2D } from './draw2d';

export const MARKER_SHAPES = [
  'timeout',
  'will',
  'takeover',
  'fault',
  'session',
  'conn-open',
  'conn-close',
  'lost',
] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** The marker shape of a row (null for a delivered packet, drawn as an arrow). */
export function markerShapeOf(model: TimelineModel, row: number): MarkerShape | null {
  const cols = model.columns;
  switch (cols.kind[row]) {
    case KIND_TIMEOUT:
      return 'timeout';
    case KIND_WILL:
      return 'will';
    case KIND_TAKEOVER:
      return 'takeover';
    case KIND_FAULT:
      return 'fault';
    case KIND_SESSION:
      return 'session';
    case KIND_CONN: {
      const c = decodeConnCode(cols.code[row]);
      return c !== null && c.state === 'open' ? 'conn-open' : 'conn-close';
    }
    case KIND_PACKET:
      return cols.arrive[row] === cols.arrive[row] ? null : 'lost';
    default:
      return 'session';
  }
}

export function markerColour(p: Palette, shape: MarkerShape): string {
  switch (shape) {
    case 'timeout':
      return p.timeout;
    case 'will':
      return p.will;
    case 'takeover':
      return p.takeover;
    case 'fault':
      return p.fault;
    case 'session':
      return p.session;
    case 'conn-open':
      return p.connOpen;
    case 'conn-close':
      return p.connClose;
    case 'lost':
      return p.lost;
  }
}

/** Draws one marker centred at (x, y), `r` px in radius. */
export function drawMarker(
  ctx: Draw2D,
  shape: MarkerShape,
  x: number,
  y: number,
  r: number,
  p: Palette,
): void {
  const c = markerColour(p, shape);
  ctx.fillStyle = c;
  ctx.strokeStyle = c;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  switch (shape) {
    case 'timeout':
      ctx.moveTo(x - r, y - r * 0.8);
      ctx.lineTo(x + r, y - r * 0.8);
      ctx.lineTo(x, y + r);
      ctx.closePath();
      ctx.fill();
      ctx.strokeStyle = p.background;
      ctx.lineWidth = 1;
      ctx.stroke();
      return;
    case 'will':
      diamondPath(ctx, x, y, r);
      ctx.fill();
      ctx.strokeStyle = p.background;
      ctx.lineWidth = 1;
      ctx.stroke();
      return;
    case 'takeover': {
      const s = r * 0.85;
      ctx.rect(x - s, y - s, 2 * s, 2 * s);
      ctx.fill();
      ctx.strokeStyle = p.background;
      ctx.lineWidth = 1.25;
      ctx.beginPath();
      ctx.moveTo(x - s * 0.6, y);
      ctx.lineTo(x + s * 0.6, y);
      ctx.moveTo(x + s * 0.15, y - s * 0.45);
      ctx.lineTo(x + s * 0.6, y);
      ctx.lineTo(x + s * 0.15, y + s * 0.45);
      ctx.stroke();
      return;
    }
    case 'fault':
      ctx.moveTo(x + r * 0.2, y - r);
      ctx.lineTo(x - r * 0.6, y + r * 0.15);
      ctx.lineTo(x - r * 0.05, y + r * 0.15);
      ctx.lineTo(x - r * 0.25, y + r);
      ctx.lineTo(x + r * 0.65, y - r * 0.2);
      ctx.lineTo(x + r * 0.1, y - r * 0.2);
      ctx.closePath();
      ctx.fill();
      return;
    case 'session':
      ctx.lineWidth = 1.25;
      ctx.arc(x, y, r * 0.6, 0, Math.PI * 2);
      ctx.stroke();
      return;
    case 'conn-open':
    case 'conn-close':
      ctx.lineWidth = 2;
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      ctx.stroke();
      return;
    case 'lost':
      ctx.lineWidth = 1.75;
      ctx.moveTo(x - r * 0.7, y - r * 0.7);
      ctx.lineTo(x + r * 0.7, y + r * 0.7);
      ctx.moveTo(x + r * 0.7, y - r * 0.7);
      ctx.lineTo(x - r * 0.7, y + r * 0.7);
      ctx.stroke();
      return;
  }
}

/** The will's diamond as a path (begun by the caller): a published will fills it, a cancelled one strokes it. */
export function diamondPath(ctx: Draw2D, x: number, y: number, r: number): void {
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

/** Marker radius for a lane `h` px tall, drawn `scale` times larger (projector mode). */
export function markerRadius(h: number, scale = 1): number {
  return Math.max(2.5, Math.min(7 * scale, h * 0.3));
}
