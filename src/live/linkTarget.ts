// Where a `#live=<url>` link would connect. A link is anyone's: opening one should not make the
// page connect to a broker elsewhere (and announce this page's probes and subscriptions to it)
// without the user saying so. A broker on this machine or on the page's own host is what live mode
// is for and connects at once; any other asks first.

export type LiveLinkTarget = 'local' | 'same-host' | 'remote';

/** Host names that are this machine: localhost (and *.localhost), 127.0.0.0/8, ::1. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** `url`: the broker's ws:// or wss:// URL; `pageUrl`: the page's location (null outside a page). */
export function liveLinkTarget(url: string, pageUrl: string | null): LiveLinkTarget {
  let broker: URL;
  try {
    broker = new URL(url);
  } catch {
    return 'remote';
  }
  if (isLoopback(broker.hostname)) return 'local';
  if (pageUrl !== null) {
    try {
      if (new URL(pageUrl).hostname.toLowerCase() === broker.hostname.toLowerCase()) return 'same-host';
    } catch {
      // no page host to compare with
    }
  }
  return 'remote';
}

/** Whether opening the link should ask before connecting. */
export function liveLinkNeedsConsent(url: string, pageUrl: string | null): boolean {
  return liveLinkTarget(url, pageUrl) === 'remote';
}
