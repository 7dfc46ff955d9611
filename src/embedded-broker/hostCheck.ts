// Which WebSocket upgrades the embedded broker accepts. A page on another site can reach a server on
// 127.0.0.1 through DNS rebinding: its own host name made to resolve to 127.0.0.1, so the browser
// sends `Host: evil.example:5173` and `Origin: http://evil.example:5173`, same-origin by their own
// terms. Vite answers such a request with 403 by its Host check (`server.allowedHosts`); the upgrade
// to /mqtt is checked the same way: the Host must be an IP address, `localhost` (or `*.localhost`),
// or an allowed host, and an Origin, when a browser sends one, must be that same host.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Vite's `server.allowedHosts`: host names (a leading "." allows the subdomains too), or true for any. */
export type AllowedHosts = readonly string[] | true;

/** The host name of a Host header (`name:port`, `[v6]:port`), or null when it is not one. */
function hostName(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a Host header names this server rather than a rebound name. */
export function isHostAllowed(host: string | undefined, allowed: AllowedHosts): boolean {
  if (host === undefined || host === '') return false;
  if (allowed === true) return true;
  const name = hostName(host);
  if (name === null) return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((a) => {
    const pattern = a.toLowerCase();
    return (
      pattern === name || (pattern.startsWith('.') && (name === pattern.slice(1) || name.endsWith(pattern)))
    );
  });
}

/** Accepts an upgrade whose Host is allowed, from a page of that very origin or from no page at all. */
export function upgradeAllowed(req: IncomingMessage, allowed: AllowedHosts): boolean {
  const host = req.headers.host;
  if (!isHostAllowed(host, allowed)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: mqtt.js in Node, command-line tools
  try {
    return new URL(origin).host.toLowerCase() === host!.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed page, a file) and garbage
  }
}
