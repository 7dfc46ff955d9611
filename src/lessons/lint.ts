// Every number a student reads in a lesson comes from the run on screen: text may not type one in.
// Digits outside refs are allowed only in names and in the standard's own vocabulary: statement ids
// ([MQTT-3.1.2-24]), protocol versions (MQTT 3.1.1, MQTT 5), reason codes (0x8E), QoS levels (QoS 1),
// Clean Start / Clean Session 0 and 1, the rule's factor (1.5 × K), keep alive off (K = 0), and the
// client IDs and broker names of the lesson.

import { PROFILE_TITLES } from './profiles';
import { parseTemplate } from './template';

const VOCABULARY: readonly RegExp[] = [
  /\[?MQTT-\d+\.\d+(\.\d+)?-\d+\]?/g,
  /\bMQTT \d(\.\d)*/g,
  /\b0x[0-9A-Fa-f]{2}\b/g,
  /\bQoS [012]\b/g,
  /\bClean (Start|Session) [01]\b/gi,
  /\b1\.5 ?[×x*]/g,
  /\bK = 0\b/g,
];

/**
 * The words of `text` (outside its refs) that carry a typed-in number; [] when there are none.
 * `names` are further words allowed as written (client IDs, topics). A text that does not parse
 * gives [] here: its parse error is reported on its own.
 */
export function typedNumbers(text: string, names: readonly string[] = []): string[] {
  let parts;
  try {
    parts = parseTemplate(text);
  } catch {
    return [];
  }
  let plain = parts.map((p) => (typeof p === 'string' ? p : ' ')).join('');
  for (const pattern of VOCABULARY) plain = plain.replace(pattern, ' ');
  // Longest first, so that "sensor-10" goes before "sensor-1" can leave a stray "0".
  const allowed = [...names, ...Object.values(PROFILE_TITLES)].filter((n) => /\d/.test(n));
  allowed.sort((a, b) => b.length - a.length);
  for (const name of allowed) plain = plain.split(name).join(' ');
  return plain.split(/\s+/).filter((word) => /\d/.test(word));
}
