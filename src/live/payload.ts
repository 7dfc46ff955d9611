// Payloads as the trace and the traffic view show them. Bytes stay bytes until shown; the trace keeps
// a payload as text when it is valid UTF-8, else as {"base64": …} (docs/trace-format.md).
import type { Payload } from '../trace';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** The text of valid UTF-8 bytes, or null. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The trace form of a payload: text when it is UTF-8, else base64. */
export function tracePayload(payload: Uint8Array | string): Payload {
  if (typeof payload === 'string') return payload;
  const text = utf8OrNull(payload);
  return text ?? { base64: base64(payload) };
}

export type PayloadView = 'text' | 'json' | 'hex' | 'base64';

/** Characters of base64 shown at most (the rest is summarised). */
const MAX_BASE64_CHARS = 65536;

/** Lowercase hex bytes, 16 per line with the offset, like `xxd` without the ASCII column. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, maxBytes);
  for (let off = 0; off < n; off += 16) {
    const row: string[] = [];
    for (let i = off; i < Math.min(off + 16, n); i++) row.push(bytes[i].toString(16).padStart(2, '0'));
    lines.push(off.toString(16).padStart(6, '0') + '  ' + row.join(' '));
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
  return lines.join('\n');
}

/**
 * A payload shown as text (lossy decoding, control characters kept), pretty JSON (falls back to text
 * with a note when it is not JSON), hex or base64. Always a plain string: the UI renders it as React
 * text.
 */
export function formatPayload(bytes: Uint8Array, view: PayloadView, maxChars = 65536): string {
  if (view === 'hex') return hexDump(bytes);
  if (view === 'base64') {
    const text = base64(bytes);
    return text.length > MAX_BASE64_CHARS
      ? `${text.slice(0, MAX_BASE64_CHARS)}… (${text.length - MAX_BASE64_CHARS} more characters)`
      : text;
  }
  const text = lenientUtf8.decode(bytes.length > maxChars * 4 ? bytes.subarray(0, maxChars * 4) : bytes);
  const clipped = text.length > maxChars ? text.slice(0, maxChars) + '…' : text;
  if (view === 'text') return clipped;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return `(not JSON) ${clipped}`;
  }
}
