// The legend: every kind of mark the timeline draws, with its name and what it means, each sample drawn
// by the timeline's own drawing functions and palette (markers, packet strokes, wedges, spans, stories,
// heat ramp), so the legend cannot drift from the picture. LEGEND_MARKS lists every mark kind; the
// test fails when one has no entry.

import { BAND_BROKER, BAND_CLIENT } from './deadlines';
import { QuadBuffer, SegmentBuffer } from './render/buffers';
import { addWedge, bandFill, strokeExpiryTicks } from './render/deadlineBands';
import type { Draw2D } from './render/draw2d';
import { arrowHead } from './render/laneItems';
import { drawMarker, MARKER_SHAPES, type MarkerShape } from './render/markers';
import {
  CLASS_CONTROL,
  CLASS_DATA,
  CLASS_KEEPALIVE,
  PACKET_CLASSES,
  packetStroke,
} from './render/packetStyle';
import { spanFill, strokeClosedBaselines, strokeHalfOpenEdges } from './render/spans';
import { drawPingWait, drawSessionKept, drawWillCancelled, drawWillPending } from './render/stories';
import { SPAN_STATES, SPAN_CONNECTING, SPAN_HALF_OPEN, SPAN_OPEN } from './spans';
import type { StoryKind } from './stories';
import type { Palette } from './theme';

export type LegendGroup =
  'Packets' | 'Keep-alive deadlines' | 'Connections' | 'Events' | 'Stories' | 'Fleets';

export interface LegendEntry {
  id: string;
  group: LegendGroup;
  name: string;
  meaning: string;
  /** The mark kinds this entry explains (see LEGEND_MARKS). */
  marks: readonly string[];
  /** Draws the sample into a w × h box at the origin. */
  draw(ctx: Draw2D, p: Palette, w: number, h: number): void;
}

const STORY_KINDS: readonly StoryKind[] = ['will-pending', 'session-kept', 'ping-wait'];

/** Every kind of mark the timeline draws. */
export const LEGEND_MARKS: readonly string[] = [
  ...PACKET_CLASSES.map((c) => `packet:${c}`),
  ...MARKER_SHAPES.map((s) => `marker:${s}`),
  'band:client',
  'band:broker',
  'band:expired',
  ...SPAN_STATES.map((s) => `span:${s}`),
  'span:closed',
  ...STORY_KINDS.map((k) => `story:${k}`),
  'story:will-cancelled',
  'heat',
  'broker-density',
  'overview',
  'playhead',
];

const segs = new SegmentBuffer();
const quads = new QuadBuffer();

/** A packet arrow of class `cls` going up (client → broker) or down, as the timeline draws one. */
function arrow(ctx: Draw2D, p: Palette, cls: number, c2b: boolean, x0: number, x1: number, h: number): void {
  const s = packetStroke(p, cls, c2b);
  const [y0, y1] = c2b ? [h - 3, 3] : [3, h - 3];
  ctx.save();
  ctx.strokeStyle = s.colour;
  ctx.lineWidth = s.width;
  ctx.globalAlpha = s.alpha;
  segs.add(x0, y0, x1, y1);
  arrowHead(segs, x0, y0, x1, y1, s.head);
  segs.stroke(ctx);
  ctx.restore();
}

/** A request up and its answer down. */
function twoPackets(cls: number) {
  return (ctx: Draw2D, p: Palette, w: number, h: number): void => {
    arrow(ctx, p, cls, true, w * 0.2, w * 0.3, h);
    arrow(ctx, p, cls, false, w * 0.6, w * 0.7, h);
  };
}

function marker(shape: MarkerShape) {
  return (ctx: Draw2D, p: Palette, w: number, h: number): void =>
    drawMarker(ctx, shape, w / 2, h / 2, Math.min(7 * p.scale, h * 0.35), p);
}

function wedge(kind: number) {
  return (ctx: Draw2D, p: Palette, w: number, h: number): void => {
    const centre = h / 2;
    addWedge(quads, 2, w - 2, centre, h / 2 - 2, 0, kind === BAND_BROKER ? 1 : -1);
    ctx.save();
    ctx.fillStyle = bandFill(p, kind);
    quads.fill(ctx);
    ctx.restore();
  };
}

function span(state: number) {
  return (ctx: Draw2D, p: Palette, w: number, h: number): void => {
    ctx.save();
    ctx.fillStyle = spanFill(p, state);
    ctx.fillRect(2, 3, w - 4, h - 6);
    if (state === SPAN_HALF_OPEN) {
      segs.add(2, 3, w - 2, 3);
      segs.add(2, h - 3, w - 2, h - 3);
      strokeHalfOpenEdges(ctx, p, segs);
    }
    ctx.restore();
  };
}

function heatRamp(ctx: Draw2D, p: Palette, w: number, h: number): void {
  const n = 16;
  const lut = p.heat;
  for (let i = 0; i < n; i++) {
    const l = Math.max(1, Math.round(((i + 1) / n) * 255));
    ctx.fillStyle = `rgb(${lut[l * 4]},${lut[l * 4 + 1]},${lut[l * 4 + 2]})`;
    ctx.fillRect(2 + (i * (w - 4)) / n, 4, (w - 4) / n + 0.5, h - 8);
  }
}

export const LEGEND: readonly LegendEntry[] = [
  {
    id: 'keepalive',
    group: 'Packets',
    name: 'PINGREQ ↑ / PINGRESP ↓',
    meaning:
      'Keep-alive traffic, drawn bold: the client sends PINGREQ up to the broker when it has had nothing else to ' +
      'send for K seconds; the broker answers with PINGRESP down to the client. The broker never pings first.',
    marks: ['packet:keepalive'],
    draw: twoPackets(CLASS_KEEPALIVE),
  },
  {
    id: 'control',
    group: 'Packets',
    name: 'CONNECT, CONNACK, DISCONNECT, SUBSCRIBE…',
    meaning:
      'Connection control packets. Arrows point the way the packet travels: up to the broker, down to a client.',
    marks: ['packet:control'],
    draw: twoPackets(CLASS_CONTROL),
  },
  {
    id: 'data',
    group: 'Packets',
    name: 'PUBLISH, PUBACK…',
    meaning:
      'Data, drawn thin and grey so it does not hide the keep-alive traffic. A PUBLISH the client sends still resets ' +
      'its keep-alive timer, like any packet it sends.',
    marks: ['packet:data'],
    draw: twoPackets(CLASS_DATA),
  },
  {
    id: 'lost',
    group: 'Packets',
    name: 'lost packet ✕',
    meaning: 'A packet that never arrived (its dashed arrow stops half way).',
    marks: ['marker:lost'],
    draw: marker('lost'),
  },
  {
    id: 'band-client',
    group: 'Keep-alive deadlines',
    name: 'client’s K window (blue, above the line)',
    meaning:
      'Starts at each packet the client sends and shrinks to nothing K seconds later: by then the client must have ' +
      'sent something, a PINGREQ if it has nothing else.',
    marks: ['band:client'],
    draw: wedge(BAND_CLIENT),
  },
  {
    id: 'band-broker',
    group: 'Keep-alive deadlines',
    name: 'broker’s 1.5 × K deadline (yellow, below the line)',
    meaning:
      'Starts at each packet the broker receives from the client and runs out after 1.5 × K. Only packets the client ' +
      'sends reset it; messages it receives do not.',
    marks: ['band:broker'],
    draw: wedge(BAND_BROKER),
  },
  {
    id: 'band-expired',
    group: 'Keep-alive deadlines',
    name: 'deadline ran out',
    meaning:
      'A red tick where the broker’s 1.5 × K deadline passed with nothing received: it closes the connection.',
    marks: ['band:expired'],
    draw: (ctx, p, w, h) => {
      wedge(BAND_BROKER)(ctx, p, w, h);
      segs.add(w - 2, h / 2, w - 2, h - 2);
      ctx.save();
      strokeExpiryTicks(ctx, p, segs);
      ctx.restore();
    },
  },
  {
    id: 'span-open',
    group: 'Connections',
    name: 'connected',
    meaning: 'Both the client and the broker hold the connection.',
    marks: ['span:open'],
    draw: span(SPAN_OPEN),
  },
  {
    id: 'span-transient',
    group: 'Connections',
    name: 'connecting / closing (grey)',
    meaning: 'One side has opened or closed the connection and the other has not learned of it yet.',
    marks: ['span:connecting', 'span:closing'],
    draw: span(SPAN_CONNECTING),
  },
  {
    id: 'span-half-open',
    group: 'Connections',
    name: 'half-open (orange, dashed edges)',
    meaning:
      'The device is gone but the broker still holds its connection: nothing closed the socket (power loss, a cut ' +
      'cable). Only the keep-alive deadline or a new CONNECT with the same client ID ends it.',
    marks: ['span:half-open'],
    draw: span(SPAN_HALF_OPEN),
  },
  {
    id: 'span-closed',
    group: 'Connections',
    name: 'no connection (dashed line)',
    meaning: 'The client has no connection to the broker.',
    marks: ['span:closed'],
    draw: (ctx, p, w, h) => {
      segs.add(2, h / 2, w - 2, h / 2);
      ctx.save();
      strokeClosedBaselines(ctx, p, segs);
      ctx.restore();
    },
  },
  {
    id: 'conn-open',
    group: 'Connections',
    name: 'connection opened (green bar)',
    meaning: 'A side (the client or the broker) opened the connection.',
    marks: ['marker:conn-open'],
    draw: marker('conn-open'),
  },
  {
    id: 'conn-close',
    group: 'Connections',
    name: 'connection closed (grey bar)',
    meaning: 'A side closed the connection; click the bar to see why.',
    marks: ['marker:conn-close'],
    draw: marker('conn-close'),
  },
  {
    id: 'timeout',
    group: 'Events',
    name: 'keep-alive timeout ▼',
    meaning:
      'The broker heard nothing for 1.5 × K and closed the connection; or (on the client’s side) the client gave up ' +
      'waiting for a PINGRESP.',
    marks: ['marker:timeout'],
    draw: marker('timeout'),
  },
  {
    id: 'will',
    group: 'Events',
    name: 'will published ◆',
    meaning:
      'The broker published the client’s Last Will and Testament, because the connection ended without a normal ' +
      'DISCONNECT. The dashed arrows go to the clients that received it.',
    marks: ['marker:will'],
    draw: marker('will'),
  },
  {
    id: 'takeover',
    group: 'Events',
    name: 'take-over ■→',
    meaning:
      'A new CONNECT used a client ID that was still connected: the broker closed the old connection in favour of the new one.',
    marks: ['marker:takeover'],
    draw: marker('takeover'),
  },
  {
    id: 'fault',
    group: 'Events',
    name: 'fault ⚡',
    meaning:
      'Something done to the device or the broker: crash, power-off, link down, a clone with the same ID, a broker restart.',
    marks: ['marker:fault'],
    draw: marker('fault'),
  },
  {
    id: 'session',
    group: 'Events',
    name: 'session ○',
    meaning:
      'The broker created, resumed or expired a client’s session (resumed: with how many messages were queued).',
    marks: ['marker:session'],
    draw: marker('session'),
  },
  {
    id: 'will-pending',
    group: 'Stories',
    name: 'will waiting (hatched)',
    meaning:
      'MQTT 5 Will Delay Interval: the connection is gone, but the broker holds the will back for the delay in case the ' +
      'client comes straight back.',
    marks: ['story:will-pending'],
    draw: (ctx, p, w, h) => drawWillPending(ctx, p, 2, w - 2, h * 0.25, h * 0.75),
  },
  {
    id: 'will-cancelled',
    group: 'Stories',
    name: 'will cancelled ◇',
    meaning: 'The client resumed its session within the will delay, so the will was never published.',
    marks: ['story:will-cancelled'],
    draw: (ctx, p, w, h) => drawWillCancelled(ctx, p, w / 2, h / 2, Math.min(6 * p.scale, h * 0.35)),
  },
  {
    id: 'session-kept',
    group: 'Stories',
    name: 'session kept offline (dotted)',
    meaning:
      'The client is offline but its session stays at the broker, which queues its QoS 1 and 2 messages and delivers ' +
      'them when it comes back (QoS 0 messages are not kept).',
    marks: ['story:session-kept'],
    draw: (ctx, p, w, h) => drawSessionKept(ctx, p, 2, w - 2, h * 0.25, h * 0.75),
  },
  {
    id: 'ping-wait',
    group: 'Stories',
    name: 'no PINGRESP (dashed bracket)',
    meaning:
      'The client sent PINGREQ and no PINGRESP came back in time, so it closed the connection: how a client notices a ' +
      'dead broker or a dead network.',
    marks: ['story:ping-wait'],
    draw: (ctx, p, w, h) => drawPingWait(ctx, p, 4, w - 4, h / 2),
  },
  {
    id: 'heat',
    group: 'Fleets',
    name: 'heat (packets per lane per time slice)',
    meaning:
      'When lanes are too thin for arrows, each lane is a strip coloured by how many packets fall in each time slice ' +
      '(one pixel wide), on a log scale from 1 (pale) to the busiest slice in view (dark). Timeouts, wills, take-overs ' +
      'and faults keep their own colour on top.',
    marks: ['heat'],
    draw: heatRamp,
  },
  {
    id: 'broker-density',
    group: 'Fleets',
    name: 'broker lane bars',
    meaning:
      'Every packet passes the broker: the bars show how busy it is over time, and its markers show the most important ' +
      'event anywhere in the fleet.',
    marks: ['broker-density'],
    draw: (ctx, p, w, h) => {
      ctx.save();
      ctx.fillStyle = p.overviewFill;
      const heights = [0.3, 0.6, 0.9, 0.5, 0.2, 0.7];
      heights.forEach((f, i) =>
        ctx.fillRect(4 + i * ((w - 8) / 6), h - 3 - f * (h - 6), (w - 8) / 6 - 1, f * (h - 6)),
      );
      ctx.restore();
    },
  },
  {
    id: 'overview',
    group: 'Fleets',
    name: 'connected clients (top strip)',
    meaning:
      'The strip above the time axis shows how many clients the broker holds over the whole run; the framed part is ' +
      'what the timeline shows. Click or drag in it to move there.',
    marks: ['overview'],
    draw: (ctx, p, w, h) => {
      ctx.save();
      ctx.fillStyle = p.overviewFill;
      ctx.fillRect(2, h * 0.3, w * 0.5, h * 0.7 - 2);
      ctx.fillRect(2 + w * 0.5, h * 0.55, w * 0.5 - 4, h * 0.45 - 2);
      ctx.strokeStyle = p.windowStroke;
      ctx.lineWidth = 1;
      ctx.strokeRect(w * 0.35, 2, w * 0.3, h - 4);
      ctx.restore();
    },
  },
  {
    id: 'playhead',
    group: 'Fleets',
    name: 'now (red line)',
    meaning: 'How far the simulation has run. Click the time axis to move it.',
    marks: ['playhead'],
    draw: (ctx, p, w, h) => {
      ctx.save();
      ctx.strokeStyle = p.playhead;
      ctx.lineWidth = 1.5 * p.scale;
      segs.add(w / 2, 2, w / 2, h - 2);
      segs.stroke(ctx);
      ctx.restore();
    },
  },
];
