// Live mode as an everyday MQTT client, in the built app in real headless Chromium, against the
// embedded broker (served with the app on one origin, as `npm start` does, here with a password) and
// against a real Mosquitto 2.0.11 with Debian's mosquitto_sub: publishing from the page, subscriptions
// added and removed, the traffic filter narrowing the tree and the timeline's lanes, a saved profile
// reconnecting after a reload, and a share link restoring the session without a password.
// Needs `npm run build` first.
import { spawn } from 'node:child_process';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/devtools/browser';
import { parseTrace } from '../../src/trace/parse';
import { serveEmbeddedSite, type EmbeddedSite } from '../live/support/embeddedSite';
import { startMosquitto, type RunningMosquitto } from '../live/support/mosquitto';
import { exportTrace, visibleRange } from './support/app';

const USER = 'alice';
const PASSWORD = 'secret-e2e';

let site: EmbeddedSite;
let mosquitto: RunningMosquitto;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: MqttClient[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await serveEmbeddedSite({ authenticate: (u, p) => u === USER && p === PASSWORD });
  mosquitto = await startMosquitto();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await mosquitto?.stop();
  await site?.close();
});

async function newPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.locator('.app').waitFor();
  // A first visit opens on the lesson list.
  const explore = page.getByRole('button', { name: 'Explore on my own' });
  if (await explore.isVisible().catch(() => false)) await explore.click();
  return page;
}

async function mqttClient(url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.push(c);
  return c;
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
const status = (page: Page) => page.getByRole('status', { name: 'Live connection' });
const connected = (page: Page) =>
  status(page)
    .filter({ hasText: /^Connected to / })
    .waitFor({ timeout: 20_000 });
const topicCount = (page: Page, topic: string) =>
  page.locator(`.live-topic-row[data-topic="${topic}"] .live-topic-count`);
const countOf = async (page: Page, topic: string): Promise<number> =>
  Number(
    (await topicCount(page, topic)
      .innerText()
      .catch(() => '0')) || '0',
  );

async function subscribe(page: Page, filter: string, qos: 0 | 1 | 2 = 0): Promise<void> {
  await tab(page, 'Subscriptions');
  const form = page.getByRole('form', { name: 'New subscription' });
  await form.getByLabel('Topic filter').fill(filter);
  await form.getByLabel('QoS').selectOption(String(qos));
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await page
    .getByRole('list', { name: 'Your subscriptions' })
    .locator(`li[data-filter="${filter}"]`)
    .getByText(`granted QoS ${qos}`)
    .waitFor({ timeout: 5000 });
}

async function unsubscribe(page: Page, filter: string): Promise<void> {
  await tab(page, 'Subscriptions');
  await page.getByRole('button', { name: `Unsubscribe ${filter}`, exact: true }).click();
  await page.locator(`li[data-filter="${filter}"]`).waitFor({ state: 'detached' });
}

describe('live mode with the embedded broker (one origin, a password)', () => {
  let page: Page;

  it('a saved profile reconnects after a reload, its password kept only because it was asked to', async () => {
    page = await newPage(site.url);
    await page.getByRole('button', { name: 'Live mode' }).click();
    const form = page.getByRole('form', { name: 'Broker connection' });
    // On the static site the page says it has no broker of its own, and how to reach one.
    await page.getByText('This is the static site: it has no broker of its own').waitFor();
    await form.getByLabel('Broker URL').fill(site.wsUrl);
    await form.getByLabel('Username', { exact: true }).fill(USER);
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form.getByLabel('Name', { exact: true }).fill('e2e embedded');
    await form.getByLabel('Keep the password in this profile').check();
    await form
      .getByRole('note')
      .getByText(/stores it unencrypted/)
      .waitFor();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText('Saved profile “e2e embedded”, password included').waitFor();
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await connected(page);
    // The address bar now opens this session: broker and subscriptions, never a credential.
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#live=ws%3A%2F%2F127\.0\.0\.1%3A\d+%2Fmqtt&subs=%23$/);
    await page.reload();
    await connected(page);
    await tab(page, 'Connection');
    await expect(form.getByLabel('Saved').inputValue()).resolves.toBe('e2e embedded');
    await expect(form.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe(PASSWORD);
  });

  it('publishes from the page: another client receives it, the history and the traffic show it', async () => {
    const receiver = await mqttClient(site.mqttUrl, {
      username: USER,
      password: PASSWORD,
      clientId: 'e2e-rx',
    });
    const got: { topic: string; payload: string; qos: number; bytes: number[] }[] = [];
    receiver.on('message', (topic, payload, p) =>
      got.push({ topic, payload: payload.toString(), qos: p.qos, bytes: [...payload] }),
    );
    await receiver.subscribeAsync('e2e/pub/#', { qos: 1 });
    await tab(page, 'Publish');
    const form = page.getByRole('form', { name: 'Publish a message' });
    // A topic name with a wildcard is refused, naming the rule.
    await form.getByLabel('Topic').fill('e2e/+/json');
    await form.getByRole('button', { name: 'Publish', exact: true }).click();
    await form
      .getByText('Topic: must be a topic name without the wildcards + and # [MQTT-3.3.2-2]')
      .waitFor();
    await form.getByLabel('Topic').fill('e2e/pub/json');
    await form.getByRole('radio', { name: 'JSON' }).check();
    await form.getByLabel('Payload', { exact: true }).fill('{"v": 1, "unit": "°C"}');
    await form.getByLabel('QoS').selectOption('1');
    await form.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ topic: 'e2e/pub/json', payload: '{"v": 1, "unit": "°C"}', qos: 1 });
    await page.getByRole('list', { name: 'Published messages' }).getByText('acknowledged').waitFor();
    // Hex too: the bytes as typed.
    await form.getByLabel('Topic').fill('e2e/pub/bin');
    await form.getByRole('radio', { name: 'Hex' }).check();
    await form.getByLabel('Payload', { exact: true }).fill('00 ff 10');
    await form.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => got.length).toBe(2);
    expect(got[1]).toMatchObject({ topic: 'e2e/pub/bin', bytes: [0x00, 0xff, 0x10] });
    // The page is subscribed to everything: its own message is in the traffic.
    await tab(page, 'Traffic');
    await expect.poll(() => countOf(page, 'e2e/pub/json')).toBe(1);
    await expect.poll(() => countOf(page, 'e2e/pub/bin')).toBe(1);
    // A message as base64 and as hex, and copied as one line of JSON.
    await page.locator('.live-topic-select', { has: topicCount(page, 'e2e/pub/bin') }).click();
    const history = page.getByRole('region', { name: 'Messages on e2e/pub/bin' });
    const shown = history.locator('.live-payload').first();
    await history.getByRole('radio', { name: 'Base64' }).check();
    await expect.poll(() => shown.innerText()).toBe('AP8Q');
    await history.getByRole('radio', { name: 'Hex' }).check();
    await expect.poll(() => shown.innerText()).toBe('000000  00 ff 10');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await history.getByRole('button', { name: 'Copy message 1' }).click();
    await history.getByRole('button', { name: 'Copy message 1' }).getByText('Copied').waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as unknown;
    expect(copied).toEqual({ topic: 'e2e/pub/bin', qos: 0, retain: false, payload: { base64: 'AP8Q' } });
    // The rate chart (d3) has a line for each topic of the last minute, named in its legend.
    const legend = page.getByRole('list', { name: 'Topics in the chart' });
    for (const topic of ['e2e/pub/json', 'e2e/pub/bin'])
      await legend.getByText(topic, { exact: true }).waitFor();
    await expect(
      page
        .getByRole('img', { name: /e2e\/pub\/json: [\d.]+\/s now/ })
        .locator('path')
        .count(),
    ).resolves.toBeGreaterThanOrEqual(2);
  });

  it('adds and removes subscriptions, and the traffic changes with them', async () => {
    await unsubscribe(page, '#');
    await subscribe(page, 'e2e/a/#', 1);
    const publisher = await mqttClient(site.mqttUrl, {
      username: USER,
      password: PASSWORD,
      clientId: 'e2e-tx',
    });
    const timer = setInterval(() => {
      publisher.publish('e2e/a/x', 'a');
      publisher.publish('e2e/b/y', 'b');
    }, 100);
    try {
      await tab(page, 'Traffic');
      await expect.poll(() => countOf(page, 'e2e/a/x')).toBeGreaterThan(3);
      await expect(topicCount(page, 'e2e/b/y').count()).resolves.toBe(0);
      await subscribe(page, 'e2e/b/#');
      await tab(page, 'Traffic');
      await expect.poll(() => countOf(page, 'e2e/b/y')).toBeGreaterThan(3);
      await unsubscribe(page, 'e2e/a/#');
      await tab(page, 'Traffic');
      await page.waitForTimeout(500);
      const a = await countOf(page, 'e2e/a/x');
      const b = await countOf(page, 'e2e/b/y');
      await page.waitForTimeout(1500);
      expect(await countOf(page, 'e2e/a/x')).toBe(a);
      expect(await countOf(page, 'e2e/b/y')).toBeGreaterThan(b + 5);
    } finally {
      clearInterval(timer);
    }
  });

  it('a filter narrows the topic tree and the timeline’s lanes', async () => {
    await subscribe(page, 'e2e/w/#', 1);
    for (const id of ['fa', 'fb']) {
      await tab(page, 'Probes');
      const form = page.getByRole('form', { name: 'New probe' });
      await form.getByLabel('Client ID').fill(id);
      await form.getByLabel('Will topic').fill(`e2e/w/${id}/status`);
      await form.getByRole('button', { name: 'Start probe' }).click();
      const group = page.getByRole('group', { name: `Probe ${id} #1` });
      await group.getByText(/^connected/).waitFor({ timeout: 10_000 });
      await group.getByRole('button', { name: `Crash ${id}` }).click();
      await group.getByText(/^crashed/).waitFor({ timeout: 10_000 });
    }
    await tab(page, 'Traffic');
    await expect.poll(() => countOf(page, 'e2e/w/fb/status')).toBe(1);
    const exported = (await exportTrace(page)).text;
    // The page connected with a user name and a password: neither is in its trace.
    for (const secret of [PASSWORD, `"${USER}"`]) expect(exported).not.toContain(secret);
    const before = parseTrace(exported);
    const clientsIn = (t: typeof before): Set<string> =>
      new Set(t.events.map((e) => (e.kind === 'fault' ? e.target : e.client)));
    expect([...clientsIn(before)]).toEqual(expect.arrayContaining(['fa', 'fb']));

    const search = page.getByRole('search', { name: 'Filter the traffic' });
    await search.getByLabel('Topic').fill('e2e/w/fa/#');
    await page
      .getByTestId('live-filter-result')
      .getByText(/; 1 of \d+ topics match/)
      .waitFor();
    await expect(topicCount(page, 'e2e/w/fb/status').count()).resolves.toBe(0);
    await expect(topicCount(page, 'e2e/w/fa/status').count()).resolves.toBe(1);
    await expect(page.getByTestId('live-filter-result').innerText()).resolves.toMatch(
      /the timeline shows those messages and 2 of \d+ clients/,
    );
    // The timeline holds fa's lane and the page's own (which received fa's will), not fb's.
    await expect
      .poll(async () => [...clientsIn(parseTrace((await exportTrace(page)).text))].sort().join(' '), {
        timeout: 10_000,
      })
      .toMatch(/^fa keepalive-lab-\w+$/);
    await search.getByRole('button', { name: 'Clear filter' }).click();
    await expect
      .poll(async () => clientsIn(parseTrace((await exportTrace(page)).text)).has('fb'), { timeout: 10_000 })
      .toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe('live mode with Mosquitto 2.0.11 and mosquitto_sub', () => {
  let page: Page;

  it('publishes from the page with MQTT 5 properties, and mosquitto_sub receives it', async () => {
    page = await newPage(`${site.url}#live=${encodeURIComponent(mosquitto.wsUrl)}`);
    await connected(page);
    // MQTT 5 for the properties: the connection form, then Connect again.
    await tab(page, 'Connection');
    const connection = page.getByRole('form', { name: 'Broker connection' });
    await connection.getByLabel('MQTT version').selectOption('5');
    await connection.getByLabel('Username', { exact: true }).fill('bob');
    await connection.getByLabel('Password', { exact: true }).fill('hunter2-e2e');
    await connection.getByRole('button', { name: 'Connect', exact: true }).click();
    await status(page)
      .filter({ hasText: /^Connected to .* \(MQTT 5\.0\)\.$/ })
      .waitFor({ timeout: 20_000 });
    const sub = spawn(
      'mosquitto_sub',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(mosquitto.tcpPort),
        '-V',
        'mqttv5',
        '-q',
        '1',
        '-i',
        'e2e-mosquitto-sub',
      ].concat(['-t', 'e2e/m/#', '-C', '1', '-W', '30', '-F', '%t|%q|%C|%E|%P|%p']),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    sub.stdout.on('data', (b: Buffer) => (out += b.toString()));
    sub.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => sub.on('exit', resolve));
    // Subscribed once Mosquitto's log says it connected (the page reads it on $SYS/broker/log/#).
    await tab(page, 'Events');
    await page
      .locator('.live-event[data-kind="conn"]')
      .filter({ hasText: 'e2e-mosquitto-sub' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await tab(page, 'Publish');
    const form = page.getByRole('form', { name: 'Publish a message' });
    await form.getByLabel('Topic').fill('e2e/m/hello');
    await form.getByLabel('Payload', { exact: true }).fill('hello mosquitto');
    await form.getByLabel('QoS').selectOption('1');
    await form.getByLabel('Message expiry (s)').fill('600');
    await form.getByLabel('Content type').fill('text/plain');
    await form.getByRole('button', { name: 'Add a user property' }).click();
    await form.getByLabel('PUBLISH user property 1 name').fill('site');
    await form.getByLabel('PUBLISH user property 1 value').fill('lab');
    await form.getByRole('button', { name: 'Publish', exact: true }).click();
    expect(await exited, out).toBe(0);
    const [topic, qos, contentType, expiry, props, payload] = out.trim().split('|');
    expect({ topic, qos, contentType, props, payload }).toEqual({
      topic: 'e2e/m/hello',
      qos: '1',
      contentType: 'text/plain',
      props: 'site:lab',
      payload: 'hello mosquitto',
    });
    expect(Number(expiry)).toBeGreaterThan(590);
  });

  it('a share link restores the live session, without a password', async () => {
    await subscribe(page, 'e2e/share/+', 2);
    await tab(page, 'Traffic');
    await page.getByRole('search', { name: 'Filter the traffic' }).getByLabel('Topic').fill('share');
    await page.waitForTimeout(600);
    const copy = page.getByRole('button', { name: 'Copy link' });
    await expect(copy.isEnabled()).resolves.toBe(true);
    await copy.click();
    const link = page.url();
    const hash = new URL(link).hash;
    expect(hash).toContain(`#live=${encodeURIComponent(mosquitto.wsUrl)}`);
    expect(hash).toContain('&subs=%23,e2e%2Fshare%2F%2B;q2');
    expect(hash).toContain('&filter=share');
    expect(hash).toMatch(/&view=\d+(\.\d)?-\d+(\.\d)?$/);
    for (const secret of ['bob', 'hunter2', 'keepalive-lab-']) expect(hash).not.toContain(secret);

    const [, v0, v1] = /&view=([\d.]+)-([\d.]+)$/.exec(hash) ?? [];
    const other = await newPage(link);
    await connected(other);
    // The view: a window as wide as the shared one, on the new session's live edge.
    await expect
      .poll(async () => {
        const [t0, t1] = await visibleRange(other);
        return Math.round(t1 - t0);
      })
      .toBe(Math.round(Number(v1) - Number(v0)));
    await tab(other, 'Subscriptions');
    await other
      .getByRole('list', { name: 'Your subscriptions' })
      .locator('li[data-filter="e2e/share/+"]')
      .getByText('QoS 2 — granted QoS 2')
      .waitFor({ timeout: 5000 });
    await tab(other, 'Traffic');
    await expect(
      other.getByRole('search', { name: 'Filter the traffic' }).getByLabel('Topic').inputValue(),
    ).resolves.toBe('share');
    await tab(other, 'Connection');
    const form = other.getByRole('form', { name: 'Broker connection' });
    await expect(form.getByLabel('Username', { exact: true }).inputValue()).resolves.toBe('');
    await expect(form.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    // The shared subscription works: a message on it reaches the new page, the filter shows it.
    const publisher = await mqttClient(mosquitto.tcpUrl, { clientId: 'e2e-share-tx' });
    await publisher.publishAsync('e2e/share/one', 'shared', { qos: 1 });
    await tab(other, 'Traffic');
    await expect.poll(() => countOf(other, 'e2e/share/one')).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
