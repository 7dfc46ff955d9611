// The statistics panel says what its will count cannot hold: in a live trace another client's will is
// not reported by the broker (it is an ordinary message), so a note says so under the table.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LiveWillsNote, StatsPanel } from '../../src/ui/StatsPanel';

describe('StatsPanel', () => {
  it('counts wills published, with no live note before any live trace', () => {
    const html = renderToStaticMarkup(<StatsPanel />);
    expect(html).toContain('wills published');
    expect(html).not.toContain('live-wills-note');
  });

  it('says under a live trace that other clients’ wills are not reported by the broker', () => {
    const html = renderToStaticMarkup(<LiveWillsNote />);
    expect(html).toMatch(/Other brokers do not report another client(&#x27;|')s will/);
    expect(html).toContain('the embedded broker');
  });
});
