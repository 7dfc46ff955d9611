// What an explanation is, and the small builder every explainer fills: fields, timing sentences, and
// the one "why" sentence with the statement ids it cites.

import type { PacketEvent, TraceHeader } from '../../trace/types';
import type { ProtocolLevel } from '../packetSize';
import type { ProfileName } from '../traceFacts';
import { brackets } from './spec';

export interface Field {
  name: string;
  value: string;
}

export interface Explanation {
  /** e.g. "PINGREQ sensor-1 → broker". */
  title: string;
  fields: Field[];
  /** Sentences about time: when it was sent and arrived, against which deadline. */
  timing: string[];
  /** Why it happened: one plain sentence, ending with the statement id(s) in brackets. */
  why: string;
  /** The statement ids cited in `why`, e.g. ["MQTT-3.1.2-24"]. */
  specIds: string[];
  /** A packet and the protocol of its connection, for the hex dump; null for other events. */
  packet: { event: PacketEvent; protocol: ProtocolLevel } | null;
}

/** What every explainer knows about the trace as a whole. */
export interface Context {
  header: TraceHeader | null;
  profile: ProfileName;
  protocol: ProtocolLevel;
}

export class Builder {
  readonly fields: Field[] = [];
  readonly timing: string[] = [];
  readonly ids: string[] = [];
  why = '';

  field(name: string, value: unknown): void {
    if (value === undefined) return;
    this.fields.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
  }

  /** Sets the sentence and its ids: `text` without the brackets, which are appended. */
  because(text: string, ...ids: string[]): void {
    this.ids.push(...ids);
    this.why = ids.length === 0 ? text : `${text} ${brackets(ids)}`;
  }
}
