// Text a client controls (topics, client IDs: up to 65 535 bytes each on the wire) kept at a bounded
// length wherever live mode holds it for long: the first characters, then "…" and a hash of the
// whole, so that two long texts with the same beginning stay two different keys.

/** FNV-1a over UTF-16 code units: 8 hex digits, enough to tell apart the texts one page sees. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `text` itself when at most `max` characters, else its beginning, "…#" and a hash: `max` characters in all. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = `…#${hash(text)}`;
  let head = text.slice(0, Math.max(0, max - tail.length));
  // Never end on half a surrogate pair.
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return head + tail;
}
