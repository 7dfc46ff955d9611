// Broker event topics: which parser reads a message, and the default subscriptions of live mode.
import type { BrokerKind } from '../types';
import { ACTIVEMQ_ADVISORY_FILTER, isActivemqAdvisoryTopic, parseActivemq } from './activemq';
import { AEDES_FILTERS, parseAedes } from './aedes';
import { EMBEDDED_FILTER, parseEmbedded } from './embedded';
import { EMQX_FILTERS, parseEmqx } from './emqx';
import { MOSQUITTO_LOG_FILTER, MosquittoLogParser } from './mosquitto';
import { RABBITMQ_LOG_FILTERS, RabbitmqLogParser, isRabbitmqLogTopic } from './rabbitmq';
import type { ParsedMessage } from './report';

export type { BrokerReport, ParsedMessage } from './report';
export { MosquittoLogParser } from './mosquitto';
export { RabbitmqLogParser } from './rabbitmq';
export { parseEmqx } from './emqx';
export { parseAedes } from './aedes';
export { parseEmbedded } from './embedded';
export { parseActivemq } from './activemq';

/** Every broker's event topics (`#` does not match `$SYS/…` topics, so each is named). */
export const BROKER_EVENT_FILTERS: readonly string[] = [
  MOSQUITTO_LOG_FILTER,
  ...EMQX_FILTERS,
  ...AEDES_FILTERS,
  EMBEDDED_FILTER,
];

/**
 * RabbitMQ's log levels and ActiveMQ's advisories are ordinary topics, which `#` matches: not named by
 * default, since on a broker that delivers a message once per matching subscription (Mosquitto) an
 * application's own `info` messages would arrive twice. A subscriber without `#` names these.
 */
export const ORDINARY_EVENT_FILTERS: readonly string[] = [...RABBITMQ_LOG_FILTERS, ACTIVEMQ_ADVISORY_FILTER];

/** Live mode's default subscriptions: all application traffic plus the broker event topics. */
export const DEFAULT_SUBSCRIPTIONS: readonly string[] = ['#', ...BROKER_EVENT_FILTERS];

type KnownBroker = Exclude<BrokerKind, 'unknown'>;

/** The trace `source` of reports from each kind of broker. */
export const SOURCE_OF: Record<KnownBroker, 'mosquitto-log' | 'emqx-event' | 'embedded' | 'live'> = {
  mosquitto: 'mosquitto-log',
  emqx: 'emqx-event',
  embedded: 'embedded',
  // A plain aedes says only "new client X" / "X gone": reported by the live broker, no finer source.
  aedes: 'live',
  // The trace format has no finer source for these; their events carry `broker` (BROKER_NAME).
  rabbitmq: 'live',
  activemq: 'live',
};

/** Each broker's name, as the inspector says "not reported by <name>". */
export const BROKER_NAME: Record<KnownBroker, string> = {
  mosquitto: 'Mosquitto',
  emqx: 'EMQX',
  embedded: 'the embedded broker',
  aedes: 'aedes',
  rabbitmq: 'RabbitMQ',
  activemq: 'ActiveMQ',
};

/** Brokers whose event topics any client may publish on: believed only while no other broker spoke. */
const ORDINARY_TOPICS: ReadonlySet<BrokerKind> = new Set(['rabbitmq', 'activemq']);

/** Routes one message to the parser of its topic; null when it is no broker's event topic. */
export class BrokerMessageParser {
  private readonly mosquitto = new MosquittoLogParser();
  private readonly rabbitmq = new RabbitmqLogParser();

  /** A topic some broker's events come on (the payload is worth decoding). */
  static isEventTopic(topic: string): boolean {
    return topic.startsWith('$SYS/') || isRabbitmqLogTopic(topic) || isActivemqAdvisoryTopic(topic);
  }

  parse(topic: string, payload: string): ParsedMessage | null {
    if (!topic.startsWith('$SYS/'))
      return this.rabbitmq.parse(topic, payload) ?? parseActivemq(topic, payload);
    return (
      this.mosquitto.parse(topic, payload) ??
      parseEmbedded(topic, payload) ??
      parseEmqx(topic, payload) ??
      parseAedes(topic, payload)
    );
  }

  /** A parsed message from a broker other than `kind`, on topics any client could have published to. */
  static doubtful(parsed: ParsedMessage, kind: BrokerKind): boolean {
    return ORDINARY_TOPICS.has(parsed.broker) && kind !== 'unknown' && kind !== parsed.broker;
  }
}
