// `#live=` links: a broker on this machine or the page's own host connects at once, any other asks.
import { describe, expect, it } from 'vitest';
import { liveLinkNeedsConsent, liveLinkTarget } from '../../src/live/linkTarget';

const PAGE = 'http://localhost:5173/#live=x';

describe('a #live= link', () => {
  it.each([
    ['ws://localhost:5173/mqtt', 'local'],
    ['ws://127.0.0.1:9001', 'local'],
    ['ws://127.1.2.3:9001', 'local'],
    ['ws://[::1]:9001/mqtt', 'local'],
    ['ws://broker.localhost:9001', 'local'],
    ['wss://lab.example.org/mqtt', 'same-host'],
    ['wss://broker.example.net/mqtt', 'remote'],
    ['ws://127.0.0.1.evil.example/mqtt', 'remote'],
    ['ws://localhost.evil.example/mqtt', 'remote'],
    ['not a url', 'remote'],
  ])('to %s is %s', (url, target) => {
    const page = target === 'same-host' ? 'https://lab.example.org/app/' : PAGE;
    expect(liveLinkTarget(url, page)).toBe(target);
  });

  it('asks before connecting only to a remote broker', () => {
    expect(liveLinkNeedsConsent('ws://localhost:5173/mqtt', PAGE)).toBe(false);
    expect(liveLinkNeedsConsent('wss://test.mosquitto.org:8081', PAGE)).toBe(true);
    expect(liveLinkNeedsConsent('wss://test.mosquitto.org:8081', null)).toBe(true);
  });
});
