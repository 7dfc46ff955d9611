// UTF-8 length without allocating an encoded copy (client IDs and topics may be long).

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Index of the first UTF-16 surrogate without its partner, or -1: such text has no UTF-8 form. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return i;
  }
  return -1;
}

/**
 * What makes `text` no MQTT UTF-8 string, or null: it must be well-formed UTF-8, so no surrogate
 * code points (3.1.1 [MQTT-1.5.3-1], 5.0 [MQTT-1.5.4-1]), and must not hold U+0000 (3.1.1
 * [MQTT-1.5.3-2], 5.0 [MQTT-1.5.4-2]). Client IDs, topic names and filters are such strings.
 */
export function mqttStringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  const lone = loneSurrogateAt(text);
  if (lone !== -1) {
    const code = text.charCodeAt(lone).toString(16).toUpperCase();
    return `must be well-formed UTF-8 (a lone surrogate U+${code} at index ${lone})`;
  }
  return null;
}
