// lz-string's decompressFromEncodedURIComponent with a budget (for scenario and lesson links): it stops as soon as the output would
// pass `maxChars`. A link is untrusted, and a few kilobytes of lz-string can expand to gigabytes
// (each code may repeat everything decoded so far), so the library's own decoder, which builds the
// whole output first, cannot be asked to decode one and have its length checked afterwards.

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...URI_SAFE].map((c, i) => [c, i]));
/** Bits per input character in the URI-safe alphabet: the reader's position starts at 2^5. */
const RESET = 32;

export type LzResult = { ok: true; text: string } | { ok: false; reason: 'not-lz' | 'too-long' };

/** The inverse of `LZString.compressToEncodedURIComponent`, decoding at most `maxChars` characters. */
export function decompressUriSafe(input: string, maxChars: number): LzResult {
  const text = input.replace(/ /g, '+');
  if (text === '') return { ok: false, reason: 'not-lz' };
  for (const c of text) if (!VALUE.has(c)) return { ok: false, reason: 'not-lz' };
  const at = (i: number): number => (i < text.length ? (VALUE.get(text[i]) ?? 0) : 0);
  let value = at(0);
  let position = RESET;
  let index = 1;
  const bits = (n: number): number => {
    let out = 0;
    for (let power = 1; power !== 1 << n; power <<= 1) {
      const bit = value & position;
      position >>= 1;
      if (position === 0) {
        position = RESET;
        value = at(index++);
      }
      if (bit > 0) out |= power;
    }
    return out;
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const first = bits(2);
  if (first === 2) return { ok: true, text: '' };
  if (first !== 0 && first !== 1) return { ok: false, reason: 'not-lz' };
  let w = String.fromCharCode(bits(first === 0 ? 8 : 16));
  dictionary[3] = w;
  const result = [w];
  let length = w.length;
  for (;;) {
    if (index > text.length) return { ok: false, reason: 'not-lz' };
    let code = bits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(bits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code < dictSize && dictionary[code] !== undefined) entry = dictionary[code];
    else if (code === dictSize) entry = w + w.charAt(0);
    else return { ok: false, reason: 'not-lz' };
    length += entry.length;
    if (length > maxChars) return { ok: false, reason: 'too-long' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
