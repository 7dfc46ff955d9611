import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FleetPanel, FleetTracks } from '../../../src/ui/fleet/FleetTracks';

describe('FleetTracks', () => {
  it('renders nothing for a trace that is not a fleet (the empty trace the page starts with)', () => {
    expect(renderToStaticMarkup(<FleetTracks gutter={136} />)).toBe('');
  });
});

describe('FleetPanel', () => {
  it('is a region named "Fleet overview" with the totals as text and both canvases named', () => {
    const html = renderToStaticMarkup(
      <FleetPanel
        summary={{
          clients: 100_001,
          sampled: true,
          brokerTimeouts: 4,
          clientTimeouts: 1,
          wills: 5,
          takeovers: 0,
          peakConnected: 100_001,
          delay: { n: 4, median: 90, max: 90 },
          attention: [{ client: 'sensor-17', t: 600_000, reasons: ['power-off', 'timeout', 'will'] }],
          attentionVersion: 3,
        }}
        background="#ffffff"
      />,
    );
    expect(html).toContain('<section');
    expect(html).toContain('aria-label="Fleet overview"');
    expect(html).toContain('<h2 class="fleet-title">Fleet overview</h2>');
    expect(html).toContain('100,001 clients, up to 100,001 connected');
    expect(html).toContain('5 timeouts (broker 4, client 1) · 5 wills · 0 take-overs');
    expect(html).toContain('Last packet → broker timeout: median 90 s, max 90 s (4 broker timeouts)');
    expect(html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="Detection delay histogram"/);
    expect(html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="Fleet tracks: connected clients/);
    expect(html).toContain('aria-label="Clients that need attention"');
    expect(html).toContain('Needs attention (1):');
    expect(html).toMatch(/<button[^>]*>sensor-17<\/button>/);
    expect(html).toContain('(power-off, timeout, will)');
  });

  it('says it is counting before the first frame', () => {
    expect(renderToStaticMarkup(<FleetPanel summary={null} />)).toContain('Counting the fleet…');
  });
});
