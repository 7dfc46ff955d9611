// ActiveMQ 5.17's advisory topics, as an MQTT subscriber receives them (verified against ActiveMQ
// 5.17.2: tests/fixtures/activemq-5.17/). `ActiveMQ.Advisory.Connection` becomes the MQTT topic
// `ActiveMQ/Advisory/Connection`, but its messages carry their facts (ConnectionInfo, RemoveInfo) as an
// OpenWire data structure, which the MQTT transport cannot turn into a payload: every advisory arrives
// with an empty payload. It tells that some connection opened or closed, not which, nor why. So an
// advisory names the broker and reports nothing; other clients' connects, keep alives, timeouts, wills
// and take-overs are not reported by ActiveMQ over MQTT.
import type { ParsedMessage } from './report';

export const ACTIVEMQ_ADVISORY_FILTER = 'ActiveMQ/Advisory/Connection';

const ADVISORY = /^ActiveMQ\/Advisory\/[A-Za-z]+(?:\/|$)/;

export const isActivemqAdvisoryTopic = (topic: string): boolean => ADVISORY.test(topic);

/** An advisory message (empty, as ActiveMQ sends them over MQTT), or null for any other message. */
export function parseActivemq(topic: string, payload: string): ParsedMessage | null {
  if (!ADVISORY.test(topic) || payload !== '') return null;
  return { broker: 'activemq', reports: [] };
}
