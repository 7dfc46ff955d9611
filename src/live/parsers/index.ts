// Broker event topics: which parser reads a message, and the default subscriptions of live mode.
import type { BrokerKind } from '../types';
import { AEDES_FILTERS, parseAedes } from './aedes';
import { EMBEDDED_FILTER, parseEmbedded } from './embedded';
import { EMQX_FILTERS, parseEmqx } from './emqx';
import { MOSQUITTO_LOG_FILTER, MosquittoLogParser } from './mosquitto';
import type { ParsedMessage } from './report';

export type { BrokerReport, ParsedMessage } from './report';
export { MosquittoLogParser } from './mosquitto';
export { parseEmqx } from './emqx';
export { parseAedes } from './aedes';
export { parseEmbedded } from './embedded';

/** Every broker's event topics (`#` does not match `$SYS/…` topics, so each is named). */
export const BROKER_EVENT_FILTERS: readonly string[] = [
  MOSQUITTO_LOG_FILTER,
  ...EMQX_FILTERS,
  ...AEDES_FILTERS,
  EMBEDDED_FILTER,
];

/** Live mode's default subscriptions: all application traffic plus the broker event topics. */
export const DEFAULT_SUBSCRIPTIONS: readonly string[] = ['#', ...BROKER_EVENT_FILTERS];

/** The trace `source` of reports from each kind of broker. */
export const SOURCE_OF: Record<
  Exclude<BrokerKind, 'unknown'>,
  'mosquitto-log' | 'emqx-event' | 'embedded' | 'live'
> = {
  mosquitto: 'mosquitto-log',
  emqx: 'emqx-event',
  embedded: 'embedded',
  // A plain aedes says only "new client X" / "X gone": reported by the live broker, no finer source.
  aedes: 'live',
};

/** Routes one message to the parser of its topic; null when it is no broker's event topic. */
export class BrokerMessageParser {
  private readonly mosquitto = new MosquittoLogParser();

  parse(topic: string, payload: string): ParsedMessage | null {
    if (!topic.startsWith('$SYS/')) return null;
    return (
      this.mosquitto.parse(topic, payload) ??
      parseEmbedded(topic, payload) ??
      parseEmqx(topic, payload) ??
      parseAedes(topic, payload)
    );
  }
}
