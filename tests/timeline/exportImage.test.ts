import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../src/trace/store';
import { exportTimelineSvg } from '../../src/timeline/exportImage';
import { TimelineModel } from '../../src/timeline/model';
import { SvgContext } from '../../src/timeline/render/svgContext';
import { presetModel } from './support/traces';

const HOSTILE = '<img src=x onerror=alert(1)>';

function hostileModel(): TimelineModel {
  const store = new TraceStore();
  store.packet(0, 'c2b', HOSTILE, 1, 'CONNECT', 20, { keepAlive: 10 });
  store.append({
    t: 20,
    kind: 'conn',
    client: HOSTILE,
    conn: 1,
    side: 'broker',
    state: 'open',
    reason: 'connect',
  });
  store.packet(1000, 'c2b', HOSTILE, 1, 'PUBLISH', 1020, {
    topic: HOSTILE,
    qos: 0,
    retain: false,
    payload: HOSTILE,
  });
  store.append({
    t: 5000,
    kind: 'will',
    client: HOSTILE,
    conn: 1,
    topic: HOSTILE,
    qos: 0,
    retain: false,
    cause: 'network-error',
    delayed: 0,
  });
  return new TimelineModel(store, { durationMs: 10_000 });
}

const viewport = { t0: 0, t1: 10_000, laneScroll: 0, laneHeight: 40, collapsedGroups: new Set<string>() };

describe('exportTimelineSvg', () => {
  it('escapes a hostile topic and client ID: text, never markup', () => {
    const svg = exportTimelineSvg({
      model: hostileModel(),
      theme: 'light',
      width: 900,
      height: 400,
      viewport,
    });
    expect(svg).not.toContain('<img');
    expect(svg).not.toMatch(/<[^>]*onerror/);
    // The lane's name (shortened to the gutter) is escaped text.
    expect(svg).toContain('&lt;img src=x oner');
  });

  it('is one SVG document with the lanes, bands and markers as vector shapes', () => {
    const svg = exportTimelineSvg({
      model: presetModel('crash-vs-power-off'),
      theme: 'dark',
      width: 1200,
      height: 500,
      viewport: { ...viewport, t1: 120_000, laneHeight: 48 },
      playhead: 60_000,
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/<title>Timeline, 0 ms to 2 min<\/title>/);
    expect(svg.match(/<path /g)?.length ?? 0).toBeGreaterThan(20);
    expect(svg).toContain('>sensor-1</text>');
    // Every opened group is closed.
    expect(svg.match(/<g /g)?.length).toBe(svg.match(/<\/g>/g)?.length);
    // Colours with alpha become colour + opacity.
    expect(svg).not.toContain('rgba(');
  });
});

describe('SvgContext', () => {
  it('writes fills, strokes with dashes, arcs and clipped groups', () => {
    const c = new SvgContext();
    c.fillStyle = 'rgba(0, 158, 115, 0.5)';
    c.fillRect(0, 0, 10, 10);
    c.save();
    c.beginPath();
    c.rect(0, 0, 5, 5);
    c.clip();
    c.strokeStyle = '#0072B2';
    c.setLineDash([4, 2]);
    c.beginPath();
    c.moveTo(0, 0);
    c.lineTo(5, 5);
    c.stroke();
    c.beginPath();
    c.arc(2, 2, 1, 0, Math.PI * 2);
    c.fill();
    c.restore();
    const svg = c.toSvg(10, 10);
    expect(svg).toContain('fill="#009e73" fill-opacity="0.5"');
    expect(svg).toContain('stroke-dasharray="4 2"');
    expect(svg).toContain('<clipPath id="c0">');
    expect(svg).toContain('A1 1 0 1 1');
    expect(svg.indexOf('</g>')).toBeGreaterThan(svg.indexOf('<g clip-path'));
  });
});
