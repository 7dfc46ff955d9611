// The traffic filter: which topics and payloads the traffic view, its history and the timeline show.
// A topic text with a wildcard (`+`, `#`) is an MQTT topic filter and matches as a subscription would;
// any other text matches topics that contain it (ignoring case). The payload text matches payloads
// that contain it (as UTF-8 text, ignoring case).

export interface TrafficFilter {
  /** An MQTT topic filter (with + or #), or text a topic contains; '' for every topic. */
  topic: string;
  /** Text the payload contains; '' for every payload. */
  payload: string;
}

export const NO_FILTER: TrafficFilter = { topic: '', payload: '' };

export function isFilterOn(f: TrafficFilter | null | undefined): f is TrafficFilter {
  return f !== null && f !== undefined && (f.topic !== '' || f.payload !== '');
}

/**
 * Whether an MQTT topic filter matches a topic name: `#` matches the parent level and everything below,
 * `+` exactly one level (§4.7.1; [MQTT-4.7.1-2] and [MQTT-4.7.1-3] in 3.1.1), and a wildcard at the
 * first level never matches a topic starting with `$` [MQTT-4.7.2-1].
 */
export function topicFilterMatches(filter: string, topic: string): boolean {
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

/** Whether `text` is used as an MQTT topic filter (it has a wildcard) rather than as text to find. */
export function isWildcardFilter(text: string): boolean {
  return text.includes('+') || text.includes('#');
}

export interface FilterMatcher {
  readonly on: boolean;
  readonly filter: TrafficFilter;
  topic(topic: string): boolean;
  /** `text`: the payload as text (a trace payload's string, or decoded bytes). */
  payloadText(text: string): boolean;
  payloadBytes(bytes: Uint8Array): boolean;
}

const decoder = new TextDecoder();
/** Bytes of a payload searched: a search looks at the first 64 KiB. */
const SEARCHED_BYTES = 64 * 1024;

export function compileFilter(f: TrafficFilter | null | undefined): FilterMatcher {
  const filter = f ?? NO_FILTER;
  const topicText = filter.topic.trim();
  const wildcard = isWildcardFilter(topicText);
  const topicLower = topicText.toLowerCase();
  const payloadLower = filter.payload.toLowerCase();
  const payloadText = (text: string): boolean =>
    payloadLower === '' || text.toLowerCase().includes(payloadLower);
  return {
    on: isFilterOn(filter),
    filter,
    topic: (topic) =>
      topicText === ''
        ? true
        : wildcard
          ? topicFilterMatches(topicText, topic)
          : topic.toLowerCase().includes(topicLower),
    payloadText,
    payloadBytes: (bytes) =>
      payloadLower === '' ||
      payloadText(decoder.decode(bytes.length > SEARCHED_BYTES ? bytes.subarray(0, SEARCHED_BYTES) : bytes)),
  };
}
