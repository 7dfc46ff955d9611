// MQTT topic names (what a PUBLISH or will goes to) and topic filters (what a SUBSCRIBE matches), as in
// §4.7 of both MQTT 3.1.1 and 5.0. Each check returns the broken rule, or null when the topic is fine.

import { mqttStringProblem, utf8Length } from './utf8';

/** Topic names, filters and client IDs are UTF-8 strings of at most 65535 bytes on the wire. */
export const MAX_UTF8_BYTES = 65535;

function commonProblem(topic: string): string | null {
  if (topic.length === 0) return 'must not be empty';
  const text = mqttStringProblem(topic);
  if (text !== null) return text;
  if (utf8Length(topic) > MAX_UTF8_BYTES) return `must be at most ${MAX_UTF8_BYTES} UTF-8 bytes`;
  return null;
}

/** A topic name has no wildcards ([MQTT-3.3.2-2] in both versions). */
export function topicNameProblem(topic: string): string | null {
  const common = commonProblem(topic);
  if (common !== null) return common;
  if (topic.includes('+') || topic.includes('#')) return 'must be a topic name without the wildcards + and #';
  return null;
}

/** `+` fills a whole level; `#` fills a whole level and must be the last one (§4.7.1). */
export function topicFilterProblem(filter: string): string | null {
  const common = commonProblem(filter);
  if (common !== null) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return 'must use # only as a whole level at the end of the filter';
    }
    if (level.includes('+') && level !== '+') return 'must use + only as a whole level';
  }
  return null;
}

/**
 * Whether a topic filter matches a topic name: '#' matches the parent level and all below
 * [MQTT-4.7.1-2], '+' one level [MQTT-4.7.1-3], and wildcards at the first level never match a topic
 * starting with '$' [MQTT-4.7.2-1].
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
