import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MeasuredKeepAlive } from '../../../src/analysis/keepAlive';
import { Calculator } from '../../../src/ui/calculator/Calculator';

const render = (props: Partial<Parameters<typeof Calculator>[0]> = {}): string =>
  renderToStaticMarkup(<Calculator onSimulate={() => undefined} {...props} />);

/** The text of the element with this id. */
function labelFor(html: string, id: string): string | undefined {
  return html.match(new RegExp(`<label for="${id}">([^<]*)</label>`))?.[1];
}

describe('Calculator', () => {
  it('is a region named Calculator with a label for every input', () => {
    const html = render();
    expect(html).toMatch(/<section[^>]*aria-label="Calculator"/);
    const ids = [...html.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.map((id) => labelFor(html, id))).toEqual([
      'Keep alive (s)',
      'Publish interval (s)',
      'Broker profile',
      'Fleet size',
      'Link latency (ms)',
      'TCP/IP overhead (bytes per packet)',
    ]);
  });

  it('shows the calculated figures as text in a table', () => {
    const html = render({ initial: { keepAliveS: 60, latencyMs: 50, fleetSize: 1000, profile: 'spec' } });
    for (const figure of ['30.05 s', '60.05 s', '90.05 s', '1,440', '121 kB', '121 MB', '33.3'])
      expect(html).toContain(`<td>${figure}</td>`);
    expect(html).not.toContain('>measured<');
  });

  it('says keep alive 0 is never detected instead of giving numbers', () => {
    const html = render({ initial: { keepAliveS: 0 } });
    expect(html).toContain('<td>never (keep alive 0)</td>');
    expect(html).not.toContain('<th scope="row" class="sub">best</th>');
  });

  it('names the field of a problem next to it and disables Simulate this', () => {
    const html = render({ initial: { keepAliveS: 70_000 } });
    expect(html).toContain('Keep alive (s): must be a whole number of seconds from 0 to 65535');
    expect(html).toMatch(
      /<input id="([^"]+)-keepAliveS"[^>]*aria-invalid="true"[^>]*aria-describedby="\1-keepAliveS-problem/,
    );
    expect(html).toMatch(/<button type="button" class="primary" disabled="">Simulate this<\/button>/);
  });

  it('puts measured figures beside the calculated ones', () => {
    const measured: MeasuredKeepAlive = {
      detection: { samples: [31, 60, 89], best: 31, mean: 60, worst: 89, undetected: 0 },
      pingBytesPerDevicePerDay: 120_960,
      pingBytesPerFleetPerDay: 120_960_000,
      brokerPacketsPerS: 33.333,
      observedDeviceS: 1000,
    };
    const html = render({ measured, initial: { keepAliveS: 60 } });
    expect(html).toContain('<th scope="col">measured</th>');
    expect(html).toContain('<td>31.00 s</td>');
    expect(html).toContain('<td>3 of 3</td>');
  });

  it('offers Close only when it can be closed', () => {
    expect(render()).not.toContain('>Close<');
    expect(render({ onClose: () => undefined })).toContain('>Close<');
  });
});
