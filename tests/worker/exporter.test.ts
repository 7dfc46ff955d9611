import { describe, expect, it } from 'vitest';
import { getPreset, type Scenario } from '../../src/scenario';
import { runToJsonl } from '../../src/sim/run';
import { Exporter } from '../../src/worker/exporter';
import { FakeHost } from './support/fakeHost';

const preset = (name: string): Scenario => structuredClone(getPreset(name)!.scenario);

function cliTrace(scenario: Scenario): string {
  const lines: string[] = [];
  runToJsonl(scenario, (l) => lines.push(l));
  return lines.join('');
}

describe('Exporter', () => {
  it('exports a re-run as a Blob equal to the CLI trace', async () => {
    const host = new FakeHost();
    const exporter = new Exporter(host);
    const scenario = preset('client-id-clash');
    exporter.start(9, scenario);
    host.drain();
    const done = host.messages.find((m) => m.type === 'exported');
    expect(done?.type).toBe('exported');
    if (done?.type !== 'exported') return;
    expect(await done.blob.text()).toBe(cliTrace(scenario));
  });

  it('stops when cancelled: nothing is exported', () => {
    const host = new FakeHost();
    host.msPerLook = 1;
    const exporter = new Exporter(host);
    exporter.start(2, preset('fleet-10k'));
    expect(host.messages.some((m) => m.type === 'export-progress')).toBe(true);
    exporter.cancel(2);
    host.drain();
    expect(host.messages.some((m) => m.type === 'exported')).toBe(false);
  });
});
