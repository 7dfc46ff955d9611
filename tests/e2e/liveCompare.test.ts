// "Run this scenario against the broker" in the built app, in real headless Chromium, against a real
// Mosquitto 2.0.11 started here on loopback (websockets listener, `log_dest topic`): a tiny scenario
// (crash vs power-off, keep alive 2 s, 10 s) opened from a #scenario= link, then live mode from a
// #live= link; the page plays it for real over its own WebSockets, simulates it with the mosquitto-2.0
// profile, shows both on one timeline (sim/… lanes, then real/… lanes) and lists the differences.
// Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { compressScenario } from '../../src/scenario/url';
import type { Scenario } from '../../src/scenario/types';
import { parseTrace } from '../../src/trace/parse';
import { exportTrace } from './support/app';
import { launchChromium } from '../../src/devtools/browser';
import { serveDist, type StaticSite } from '../../src/devtools/staticServer';
import { startMosquitto, type RunningMosquitto } from '../live/support/mosquitto';

const P = 'lc';
const TINY: Scenario = {
  scenario: 1,
  name: 'E2E crash vs power-off',
  seed: 9,
  durationMs: 12_000,
  protocol: 4,
  broker: { profile: 'spec' },
  network: { latencyMs: 2 },
  clients: [
    { id: `${P}-1`, keepAlive: 2, will: { topic: `${P}/will/{id}`, payload: 'offline', qos: 1 } },
    { id: `${P}-2`, keepAlive: 2, will: { topic: `${P}/will/{id}`, payload: 'offline', qos: 1 } },
    {
      id: `${P}-3`,
      keepAlive: 2,
      will: { topic: `${P}/will/{id}`, payload: 'offline', qos: 1 },
      reconnect: { minMs: 500, maxMs: 1000, jitter: 0 },
    },
    { id: `${P}-dash`, keepAlive: 30, subscribe: [{ topic: `${P}/will/#`, qos: 1 }] },
    // An MQTT 5 client: accepted by Mosquitto, refused by a 3.1.1-only profile, whatever the timing.
    { id: `${P}-5`, keepAlive: 30, protocol: 5 },
  ],
  events: [
    { atMs: 2000, client: `${P}-1`, do: 'power-off' },
    { atMs: 2000, client: `${P}-2`, do: 'crash' },
    { atMs: 2000, client: `${P}-3`, do: 'link-down' },
    { atMs: 8000, client: `${P}-3`, do: 'link-up' },
  ],
};

let site: StaticSite;
let browser: Browser;
let mosquitto: RunningMosquitto;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await serveDist();
  mosquitto = await startMosquitto();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.message} ${e.stack ?? ''}`.slice(0, 400)));
  await page.goto(`${site.url}#scenario=${compressScenario(TINY)}`);
  await page.evaluate(
    (hash) => {
      window.location.hash = hash;
    },
    `#live=${encodeURIComponent(mosquitto.wsUrl)}`,
  );
  await page
    .getByRole('status', { name: 'Live connection' })
    .filter({ hasText: /^Connected to / })
    .waitFor({ timeout: 20_000 });
  await page.getByRole('tab', { name: /^Connection/ }).click();
  await page.getByText('Broker: Mosquitto').waitFor({ timeout: 10_000 });
  await page.getByRole('tab', { name: /^Scenario/ }).click();
});

afterAll(async () => {
  await browser?.close();
  await mosquitto?.stop();
  await site?.close();
});

const section = () => page.getByRole('region', { name: 'Run a scenario against the broker' });

describe('run a scenario against Mosquitto from the page', () => {
  it('offers every preset and the scenario on the page, with the profile of the detected broker', async () => {
    const scenario = section().getByLabel('Scenario');
    await expect(scenario.inputValue()).resolves.toBe('page');
    const options = await scenario.locator('option').allTextContents();
    expect(options[0]).toBe('The scenario on the page: E2E crash vs power-off');
    expect(options.some((o) => o.includes('(fleet-100k)'))).toBe(true);
    await expect(section().getByLabel('Broker profile').inputValue()).resolves.toBe('mosquitto-2.0');
    // A fleet needs a confirmation first.
    await scenario.selectOption('fleet-10k');
    const run = section().getByRole('button', { name: 'Run this scenario against the broker' });
    await expect(run.isDisabled()).resolves.toBe(true);
    await section()
      .getByText(/Run it anyway: it runs 3600 s in real time/)
      .waitFor();
    await scenario.selectOption('page');
    await expect(run.isDisabled()).resolves.toBe(false);
  });

  it('plays it for real, then shows sim/ and real/ lanes on one timeline and the differences', async () => {
    const started = Date.now();
    await section().getByRole('button', { name: 'Run this scenario against the broker' }).click();
    await section().getByRole('status', { name: 'Run progress' }).waitFor({ timeout: 5000 });
    const verdict = section().getByTestId('live-run-verdict');
    await verdict.waitFor({ timeout: 40_000 });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(TINY.durationMs);
    const text = await verdict.innerText();
    expect(text).toContain('“E2E crash vs power-off” ran for real.');
    expect(text).toContain('Compared with profile mosquitto-2.0');
    const differences = section().getByRole('table', { name: 'Differences' });
    if (!text.includes('no differences')) {
      // Shown as a table when the real broker and the profile disagree.
      const rows = await differences.locator('tbody tr').allInnerTexts();
      throw new Error(`the page listed differences against mosquitto-2.0:\n${rows.join('\n')}`);
    }
    expect(await differences.count()).toBe(0);
    // Every row of the comparison is listed (as text), behind "All N rows".
    await section()
      .getByText(/^All \d+ rows$/)
      .click();
    const all = section().getByRole('table', { name: 'All rows' });
    const aspects = await all.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(aspects).toEqual(expect.arrayContaining(['keep-alive timeout', 'wills published']));
    const p1 = await all.locator('tbody tr', { hasText: `${P}-1` }).allInnerTexts();
    expect(p1.join('\n')).toMatch(/keep-alive timeout/);

    // The page's timeline holds the combined trace: simulated lanes first, then the real ones.
    const { text: jsonl } = await exportTrace(page);
    const trace = parseTrace(jsonl);
    expect(trace.header.source).toBe('live');
    const order: string[] = [];
    for (const e of trace.events) {
      const c = 'client' in e ? e.client : null;
      if (c !== null && !order.includes(c)) order.push(c);
    }
    const ids = TINY.clients.map((c) => c.id);
    expect(order.slice(0, ids.length).sort()).toEqual(ids.map((id) => `sim/${id}`).sort());
    expect(order.slice(ids.length).sort()).toEqual(ids.map((id) => `real/${id}`).sort());
    const simConns = trace.events.filter((e) => 'conn' in e && e.client.startsWith('sim/'));
    const realConns = trace.events.filter((e) => 'conn' in e && e.client.startsWith('real/'));
    expect(Math.max(...simConns.map((e) => ('conn' in e ? e.conn : 0)))).toBeLessThan(1000);
    expect(Math.min(...realConns.map((e) => ('conn' in e ? e.conn : 0)))).toBeGreaterThan(1000);
    // The real power-off: the broker saw sensor 1 go silent and published its will.
    expect(
      trace.events.some(
        (e) => e.kind === 'will' && e.client === `real/${P}-1` && e.cause === 'keepalive-timeout',
      ),
    ).toBe(true);
    // The real link-down: the page's gate dropped what lc-3 sent while its link was down.
    expect(
      trace.events.some(
        (e) =>
          e.kind === 'packet' &&
          e.client === `real/${P}-3` &&
          e.dir === 'c2b' &&
          e.arrive === null &&
          (e as { dropped?: string }).dropped === 'link-down',
      ),
    ).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('the same real trace against a wrong profile (rabbitmq-3.10): the differences are listed', async () => {
    const again = section().getByRole('form', { name: 'Compare with another profile' });
    await again.getByLabel(/Compare the same real trace with profile/).selectOption('rabbitmq-3.10');
    await again.getByRole('button', { name: 'Compare' }).click();
    const verdict = section().getByTestId('live-run-verdict');
    await expect
      .poll(() => verdict.innerText(), { timeout: 10_000 })
      .toMatch(/Compared with profile rabbitmq-3\.10 .*: \d+ of \d+ rows differ\./);
    const rows = await section()
      .getByRole('table', { name: 'Differences' })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // RabbitMQ 3.10 speaks MQTT 3.1.1 only: the real Mosquitto accepted lc-5's MQTT 5 CONNECT. (Whether
    // the powered-off lc-1 also differs depends on Mosquitto's sweep phase: its (3, 9] s can hold the
    // time RabbitMQ would close it after, by chance.)
    expect(rows.some((r) => r[0] === `${P}-5`)).toBe(true);
    for (const r of rows.filter((row) => row[0] === `${P}-1` && /^timeout/.test(row[1]?.trim() ?? ''))) {
      expect(r[4]).toMatch(/rabbitmq-3\.10 predicts \d+\.\d\d s after its last packet for its history/);
    }
    // The timeline shows that simulation now.
    const { text: jsonl } = await exportTrace(page);
    expect(parseTrace(jsonl).events.some((e) => 'client' in e && e.client === `sim/${P}-1`)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('Cancel ends the run early and compares the part that ran', async () => {
    // The comparison ended the live session: connect again, then run and cancel.
    await page.getByRole('tab', { name: /^Connection/ }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page
      .getByRole('status', { name: 'Live connection' })
      .filter({ hasText: /^Connected to / })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: /^Scenario/ }).click();
    await section().getByRole('button', { name: 'Run this scenario against the broker' }).click();
    await section().getByRole('status', { name: 'Run progress' }).waitFor({ timeout: 5000 });
    await page.waitForTimeout(1500);
    await section().getByRole('button', { name: 'Cancel' }).click();
    const verdict = section().getByTestId('live-run-verdict');
    await verdict.waitFor({ timeout: 15_000 });
    await expect(verdict.innerText()).resolves.toMatch(
      /^Cancelled after \d+\.\d s: both traces cover that much/,
    );
    expect(pageErrors).toEqual([]);
  });
});
