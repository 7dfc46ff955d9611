// The inspector's text: for any row of a trace, its fields, its timing against the keep-alive
// deadlines, and why it happened in one plain sentence that cites the standard's statement id
// (docs/brokers.md; 3.1.1 and 5.0 ids differ). Pure: reads the store, returns strings. The UI
// renders them as text nodes, never as HTML (topics and payloads may be hostile).
//
// packets.ts explains packets (a table per packet type), events.ts everything else, deadlines.ts the
// broker profiles' timeout rules in words, spec.ts the statement ids, words.ts the shared wording.

import type { TraceStore } from '../../trace/store';
import type { TraceEvent, TraceHeader } from '../../trace/types';
import { profileOf, scenarioProtocol } from '../traceFacts';
import { Builder, type Context, type Explanation } from './builder';
import {
  explainConn,
  explainFault,
  explainSession,
  explainTakeover,
  explainTimeout,
  explainWill,
} from './events';
import { explainPacket, packetTitle } from './packets';

export type { Explanation, Field } from './builder';

function titleOf(e: TraceEvent): string {
  switch (e.kind) {
    case 'packet':
      return packetTitle(e);
    case 'conn':
      return `Connection ${e.conn} of ${e.client} ${e.state === 'open' ? 'opens' : 'closes'} (${e.side} side)`;
    case 'timeout':
      return `Keep-alive timeout of ${e.client} (${e.side})`;
    case 'will':
      return `Will of ${e.client}`;
    case 'takeover':
      return `Take-over of ${e.client}`;
    case 'fault':
      return `Fault: ${e.fault} on ${e.target}`;
    case 'session':
      return `Session of ${e.client} ${e.state}`;
  }
}

/** Everything the inspector shows for row `row` of `store`. */
export function explain(store: TraceStore, row: number, header: TraceHeader | null): Explanation {
  const e = store.get(row);
  const ctx: Context = { header, profile: profileOf(header), protocol: scenarioProtocol(header) };
  const b = new Builder();
  let packet: Explanation['packet'] = null;
  switch (e.kind) {
    case 'packet':
      packet = { event: e, protocol: explainPacket(store, row, e, ctx, b) };
      break;
    case 'timeout':
      explainTimeout(store, row, e, ctx, b);
      break;
    case 'will':
      explainWill(store, row, e, ctx, b);
      break;
    case 'takeover':
      explainTakeover(store, row, e, ctx, b);
      break;
    case 'fault':
      explainFault(e, ctx, b);
      break;
    case 'conn':
      explainConn(store, row, e, ctx, b);
      break;
    case 'session':
      explainSession(store, row, e, ctx, b);
      break;
  }
  if (ctx.profile !== 'spec' && header?.source === 'sim') b.field('broker profile', ctx.profile);
  if (e.source !== undefined && e.kind !== 'packet') b.field('source', e.source);
  return { title: titleOf(e), fields: b.fields, timing: b.timing, why: b.why, specIds: b.ids, packet };
}
